/*
 * The API under test: a real Backstage backend (createBackend from backend-defaults with its
 * default core services: HTTP router and middleware, auth, httpAuth, permissions, database,
 * logger, auditor, scheduler) running the Firebreak plugin with its paging engine, the auth
 * plugin with the guest provider to issue real user tokens, and the permission plugin with
 * the example portal's policy. Stand-ins: the catalog (an in-memory catalog service that knows
 * the teams, their people and the 1,000 entities) and Backstage's notification service (the
 * notifications plugin is not part of the bench). With `recordFile`, a notifier module added
 * through Firebreak's notifier extension point and the notification stand-in append every
 * delivery, with the time it happened, to that file.
 * Started as a child process by the bench with `--config <file>`.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createBackend } from '@backstage/backend-defaults';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { firebreakNotifierExtensionPoint } from '@firebreak/backstage-plugin-node';
import { examplePolicyModule } from '../common/backend';
import { readChildOptions, reportReady } from '../common/children';
import { benchCatalog } from './dataset';

/**
 * A delivery the recorder saw: on which channel, its key, to whom, and when (milliseconds
 * since the epoch, fractional).
 *
 * @internal
 */
export interface RecordedDelivery {
  channel: 'notifier' | 'notifications';
  key: string;
  recipients: string[];
  at: number;
}

function recorder(file: string) {
  return (delivery: Omit<RecordedDelivery, 'at'>) => {
    const at = performance.timeOrigin + performance.now();
    fs.appendFileSync(file, `${JSON.stringify({ ...delivery, at })}\n`);
  };
}

async function main() {
  const { port, recordFile } = readChildOptions<{ recordFile?: string }>();
  const record = recordFile ? recorder(recordFile) : () => {};

  const backend = createBackend();
  backend.add(catalogServiceMock.factory({ entities: benchCatalog() }));
  backend.add(
    createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        async send({ recipients, payload }) {
          record({
            channel: 'notifications',
            key: payload.scope ?? payload.title,
            recipients:
              recipients.type === 'entity' ? [recipients.entityRef].flat() : [],
          });
        },
      }),
    }),
  );
  backend.add(
    createBackendModule({
      pluginId: 'firebreak',
      moduleId: 'bench-recorder',
      register(reg) {
        reg.registerInit({
          deps: { notifiers: firebreakNotifierExtensionPoint },
          async init({ notifiers }) {
            notifiers.addNotifier({
              id: 'bench-recorder',
              async notify(notification) {
                record({
                  channel: 'notifier',
                  key: notification.deduplicationKey,
                  recipients: notification.recipients,
                });
              },
            });
          },
        });
      },
    }),
  );
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(examplePolicyModule);
  backend.add(import('@firebreak/backstage-plugin-backend'));
  await backend.start();
  reportReady(port);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
