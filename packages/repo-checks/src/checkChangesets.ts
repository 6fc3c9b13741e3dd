// `yarn check:changesets`: fails when a published package changed since its last release and no
// pending changeset names it. Run from anywhere in the repository.
import { execFileSync } from 'node:child_process';
import { findMissingChangesets, formatMissingChangesets } from './changesets';

async function main() {
  const git = (...args: string[]) =>
    execFileSync('git', args, { encoding: 'utf8' }).trim();
  const root = git('rev-parse', '--show-toplevel');
  const shallow = git('rev-parse', '--is-shallow-repository');
  if (shallow === 'true') {
    // Without the full history a release commit may be out of reach, and every file would count.
    throw new Error(
      'The changeset check needs the full git history: run `git fetch --unshallow` first',
    );
  }
  const missing = await findMissingChangesets(root);
  if (missing.length > 0) {
    console.error(formatMissingChangesets(missing));
    process.exitCode = 1;
    return;
  }
  console.log(
    'Changesets: every published package that changed since its last release has one.',
  );
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
