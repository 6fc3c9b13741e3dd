import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  FirebreakNotifier,
  firebreakNotifierExtensionPoint,
} from '@firebreak/backstage-plugin-node';
import { applyDatabaseMigrations } from './database/migrations';
import { seedDemoData } from './demo/DemoDataSeeder';
import { IncidentStore } from './incidents/IncidentStore';
import { createRouter } from './router';

/**
 * The Firebreak backend plugin, served under `/api/firebreak`.
 *
 * @public
 */
export const firebreakPlugin = createBackendPlugin({
  pluginId: 'firebreak',
  register(env) {
    const notifiers: FirebreakNotifier[] = [];
    env.registerExtensionPoint(firebreakNotifierExtensionPoint, {
      addNotifier(...added) {
        notifiers.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, database, httpAuth, httpRouter, logger }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }

        const incidentStore = new IncidentStore(knex);
        if (config.getOptionalBoolean('firebreak.demoData.enabled')) {
          await seedDemoData({ store: incidentStore, logger });
        }

        if (notifiers.length > 0) {
          logger.info(
            `Notifiers installed: ${notifiers.map(n => n.id).join(', ')}`,
          );
        }

        httpRouter.use(createRouter({ httpAuth, incidentStore }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
