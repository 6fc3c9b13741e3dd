/*
 * The floor: a bare express route answering `POST /oncall/query` on the same database — the
 * reads Firebreak's store makes (default policies of the owners, their schedules, the
 * overrides in the look-ahead) through the plain driver, the same schedule math from
 * firebreak-common, the same JSON — with no Backstage, auth, permissions, validation or
 * logging, and the entities' owners from an in-memory map as the bench's mocked catalog has
 * them. Started as a child process by the bench; answers on the given port.
 */
import express from 'express';
import { readChildOptions, reportReady } from '../common/children';
import { BenchConnection } from '../common/database';
import { benchEntities, teamRef } from './dataset';
import { answerOnCall, openOnCallReads, readOnCallData } from './onCallQuery';

async function main() {
  const { port, connection } = readChildOptions<{
    connection: BenchConnection;
  }>();
  // The same pool size knex gives a Backstage plugin.
  const reads = openOnCallReads(connection, 10);
  const owners = new Map(
    benchEntities().map(entity => [entity.ref, teamRef(entity.team)]),
  );

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/oncall/query', async (req, res, next) => {
    try {
      const refs = (req.body.entityRefs as string[]).map(ref =>
        ref.toLocaleLowerCase('en-US'),
      );
      const at = req.body.at ? new Date(req.body.at) : new Date();
      const ownerRefs = [
        ...new Set(
          refs.map(ref => owners.get(ref)).filter((o): o is string => !!o),
        ),
      ];
      const data = await readOnCallData(reads, ownerRefs, at);
      res.json({
        items: answerOnCall(refs, ref => owners.get(ref), data, at),
      });
    } catch (error) {
      next(error);
    }
  });

  const server = app.listen(port, '127.0.0.1', () => reportReady(port));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
