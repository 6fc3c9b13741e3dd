import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  FirebreakNotifier,
  firebreakNotifierExtensionPoint,
} from '@firebreak/backstage-plugin-node';
import { firebreakPermissions } from '@firebreak/backstage-plugin-common';
import { firebreakClockServiceRef } from './clock';
import { readFirebreakSettings } from './config/FirebreakSettings';
import { applyDatabaseMigrations } from './database/migrations';
import { seedDemoData } from './demo/DemoDataSeeder';
import { IncidentNotifier } from './incidents/IncidentNotifier';
import { IncidentService } from './incidents/IncidentService';
import { IncidentStore } from './incidents/IncidentStore';
import { incidentPermissionResourceRef } from './permissions/resource';
import { incidentPermissionRules } from './permissions/rules';
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
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        clock: firebreakClockServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, logger } = deps;
        const settings = readFirebreakSettings(config);

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }

        const store = new IncidentStore(knex);
        let incidentService: IncidentService | undefined = undefined;
        deps.permissionsRegistry.addResourceType({
          resourceRef: incidentPermissionResourceRef,
          permissions: firebreakPermissions,
          rules: Object.values(incidentPermissionRules),
          getResources: refs => incidentService!.getPermissionResources(refs),
        });
        incidentService = new IncidentService({
          store,
          catalog: deps.catalog,
          permissions: deps.permissions,
          settings,
          notifier: new IncidentNotifier({
            signals: deps.signals,
            notifications: deps.notifications,
            logger,
          }),
          transformConditions: createConditionTransformer(
            deps.permissionsRegistry.getPermissionRuleset(
              incidentPermissionResourceRef,
            ),
          ),
          logger,
          now: () => deps.clock.now(),
        });

        if (config.getOptionalBoolean('firebreak.demoData.enabled')) {
          await seedDemoData({ store, logger });
        }

        if (notifiers.length > 0) {
          logger.info(
            `Notifiers installed: ${notifiers.map(n => n.id).join(', ')}`,
          );
        }

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            settings,
            incidentService,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
