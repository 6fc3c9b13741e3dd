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
  firebreakTicketExporterExtensionPoint,
} from '@firebreak/backstage-plugin-node';
import {
  firebreakIncidentCreatePermission,
  firebreakIncidentReadPermission,
  firebreakIncidentUpdatePermission,
  firebreakOnCallCreatePermission,
  firebreakOnCallReadPermission,
  firebreakOnCallUpdatePermission,
  firebreakPostmortemPermissions,
} from '@firebreak/backstage-plugin-common';
import { firebreakClockServiceRef } from './clock';
import { readFirebreakSettings } from './config/FirebreakSettings';
import { applyDatabaseMigrations } from './database/migrations';
import { cacheSqliteStatements } from './database/sqliteStatements';
import { useUtcOnMysql } from './database/mysqlTimeZone';
import { seedDemoData } from './demo/DemoDataSeeder';
import { seedOnCallDemoData } from './demo/OnCallDemoSeeder';
import { seedPostmortemDemoData } from './demo/PostmortemDemoSeeder';
import { IncidentNotifier } from './incidents/IncidentNotifier';
import { IncidentService } from './incidents/IncidentService';
import { RoleChangeNotices } from './incidents/RoleChangeNotices';
import { IncidentStore } from './incidents/IncidentStore';
import { incidentPermissionResourceRef } from './permissions/resource';
import { incidentPermissionRules } from './permissions/rules';
import {
  onCallPermissionResourceRef,
  onCallPermissionRules,
} from './permissions/oncall';
import {
  HANDOFF_REMINDER_TASK_ID,
  HandoffReminders,
} from './oncall/HandoffReminders';
import { OnCallResolver } from './oncall/OnCallResolver';
import { OnCallService } from './oncall/OnCallService';
import { OnCallAuthorizer } from './oncall/OnCallAuthorizer';
import { CalendarFeedService } from './oncall/CalendarFeedService';
import { OnCallStore } from './oncall/OnCallStore';
import { EscalationEngine } from './paging/EscalationEngine';
import { PagingStore } from './paging/PagingStore';
import { PermissionDecisionCache } from './permissions/DecisionCache';
import { createRouter } from './router';
import { TicketExporters } from './tickets/TicketExporters';
import { createRunbooks } from './runbooks/createRunbooks';
import { setUpActionItems } from './actionItems/setUpActionItems';
import { createPostmortems } from './postmortems/createPostmortems';

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
    const ticketExporters = new TicketExporters();
    env.registerExtensionPoint(
      firebreakTicketExporterExtensionPoint,
      ticketExporters.extensionPoint,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        clock: firebreakClockServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, logger } = deps;
        const settings = readFirebreakSettings(config);

        const knex = await database.getClient();
        cacheSqliteStatements(knex);
        useUtcOnMysql(knex);
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }

        const now = () => deps.clock.now();
        const store = new IncidentStore(knex);
        const onCallStore = new OnCallStore(knex);
        const resolver = new OnCallResolver(onCallStore);
        const incidentNotifier = new IncidentNotifier({
          signals: deps.signals,
          notifications: deps.notifications,
          logger,
        });
        const paging = new EscalationEngine({
          db: knex,
          pages: new PagingStore(knex),
          incidents: store,
          resolver,
          notifications: deps.notifications,
          notifiers,
          logger,
          now,
          onPagesChanged: id => incidentNotifier.pagesChanged(id),
        });
        const onCallService = new OnCallService({
          store: onCallStore,
          resolver,
          catalog: deps.catalog,
          permissions: deps.permissions,
          now,
        });

        let incidentService: IncidentService | undefined = undefined;
        deps.permissionsRegistry.addResourceType({
          resourceRef: incidentPermissionResourceRef,
          permissions: [
            firebreakIncidentCreatePermission,
            firebreakIncidentReadPermission,
            firebreakIncidentUpdatePermission,
            ...firebreakPostmortemPermissions,
          ],
          rules: Object.values(incidentPermissionRules),
          getResources: refs => incidentService!.getPermissionResources(refs),
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: onCallPermissionResourceRef,
          permissions: [
            firebreakOnCallReadPermission,
            firebreakOnCallCreatePermission,
            firebreakOnCallUpdatePermission,
          ],
          rules: Object.values(onCallPermissionRules),
          getResources: refs => onCallService.getPermissionResources(refs),
        });
        const postmortems = await createPostmortems({
          ...deps,
          knex,
          timeline: store,
          incidents: () => incidentService!,
          now,
        });
        incidentService = new IncidentService({
          statusHooks: postmortems.service,
          store,
          catalog: deps.catalog,
          permissions: deps.permissions,
          settings,
          notifier: incidentNotifier,
          paging,
          roleNotices: new RoleChangeNotices({
            notifications: deps.notifications,
            notifiers,
            roles: settings.roles,
            logger,
          }),
          listDecisions: new PermissionDecisionCache(
            deps.permissions,
            config.getOptionalNumber('firebreak.permissions.cacheSeconds') ?? 5,
          ),
          transformConditions: createConditionTransformer(
            deps.permissionsRegistry.getPermissionRuleset(
              incidentPermissionResourceRef,
            ),
          ),
          logger,
          now,
        });

        const runbooks = createRunbooks({
          ...deps,
          knex,
          settings,
          incidents: incidentService,
          now,
        });

        if (config.getOptionalBoolean('firebreak.demoData.enabled')) {
          await seedDemoData({ store, logger });
          await seedOnCallDemoData({ store: onCallStore, logger });
          await runbooks.seedDemoData();
          await seedPostmortemDemoData({ ...postmortems, knex, logger });
        }

        const actionItems = await setUpActionItems({
          ...deps,
          knex,
          incidents: incidentService,
          runbooks: runbooks.service,
          notifiers,
          ticketExporters,
          now,
        });

        if (notifiers.length > 0) {
          logger.info(
            `Notifiers installed: ${notifiers.map(n => n.id).join(', ')}`,
          );
        }
        if (ticketExporters.list().length > 0) {
          logger.info(
            `Ticket exporters installed: ${ticketExporters
              .list()
              .map(e => e.id)
              .join(', ')}`,
          );
        }

        // Escalations and page deliveries run on every replica; row locks share the work.
        const checkIntervalSeconds =
          config.getOptionalNumber('firebreak.paging.checkIntervalSeconds') ??
          1;
        if (checkIntervalSeconds > 0) {
          deps.lifecycle.addStartupHook(() =>
            paging.start(checkIntervalSeconds * 1000),
          );
          deps.lifecycle.addShutdownHook(() => paging.stop());
        }

        // The scheduler runs a global task on one replica at a time; the reminders table makes
        // each reminder once even so.
        const { minutesBefore } = settings.handoffReminder;
        if (minutesBefore > 0) {
          const reminders = new HandoffReminders({
            store: onCallStore,
            notifications: deps.notifications,
            notifiers,
            logger,
            now,
            minutesBefore,
          });
          await deps.scheduler.scheduleTask({
            id: HANDOFF_REMINDER_TASK_ID,
            frequency: { minutes: 1 },
            timeout: { minutes: 5 },
            fn: async () => {
              await reminders.run();
            },
          });
        }

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            settings,
            incidentService,
            onCallService,
            postmortemService: postmortems.service,
            calendarFeedService: new CalendarFeedService({
              store: onCallStore,
              onCall: onCallService,
              authorizer: new OnCallAuthorizer(deps.permissions),
              now,
            }),
            runbooks,
            actionItems,
          }),
        );
        httpRouter.addAuthPolicy({
          path: '/calendar',
          allow: 'unauthenticated',
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
