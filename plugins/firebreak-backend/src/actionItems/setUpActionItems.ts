import {
  AuditorService,
  AuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  firebreakActionItemCreatePermission,
  firebreakActionItemReadPermission,
  firebreakActionItemUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import { FirebreakNotifier } from '@firebreak/backstage-plugin-node';
import { Knex } from 'knex';
import { readActionItemSettings } from '../config/ActionItemSettings';
import { seedActionItemDemoData } from '../demo/ActionItemDemoSeeder';
import {
  actionItemPermissionResourceRef,
  actionItemPermissionRules,
} from '../permissions/actionItems';
import {
  ACTION_ITEM_REMINDER_TASK_ID,
  ActionItemReminders,
} from './ActionItemReminders';
import { TicketExporters } from '../tickets/TicketExporters';
import { ActionItemNotifier } from './ActionItemNotifier';
import {
  ActionItemIncidents,
  ActionItemRunbooks,
  ActionItemService,
} from './ActionItemService';
import { ActionItemSignals } from './ActionItemSignals';
import { ActionItemStore } from './ActionItemStore';
import { ActionItemTickets } from './ActionItemTickets';
import { ActionItemTicketStore } from './ActionItemTicketStore';
import {
  ACTION_ITEM_TICKET_SYNC_TASK_ID,
  ActionItemTicketSync,
} from './ActionItemTicketSync';

/**
 * The action item feature's use cases, for the router.
 *
 * @internal
 */
export interface ActionItemFeature {
  service: ActionItemService;
  tickets: ActionItemTickets;
}

/**
 * Builds the action item feature: its service (with its notices to owners), its permission
 * resource type, its reminder task, ticket export with the installed exporters and the task
 * reading tickets back, and, when demo data is on, its demo follow-ups. Answers the use cases
 * for the router.
 *
 * @internal
 */
export async function setUpActionItems(deps: {
  config: RootConfigService;
  knex: Knex;
  logger: LoggerService;
  auditor: AuditorService;
  scheduler: SchedulerService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
  signals: SignalsService;
  notifications: NotificationService;
  notifiers: FirebreakNotifier[];
  incidents: ActionItemIncidents;
  ticketExporters: TicketExporters;
  runbooks: ActionItemRunbooks;
  now: () => Date;
}): Promise<ActionItemFeature> {
  const { config, knex, logger, now } = deps;
  const settings = readActionItemSettings(config);
  const store = new ActionItemStore(knex);
  const notifier = new ActionItemNotifier(deps);
  const service = new ActionItemService({
    ...deps,
    store,
    settings,
    notifier,
  });
  const signals = new ActionItemSignals(deps);
  const ticketStore = new ActionItemTicketStore(knex);
  const tickets = new ActionItemTickets({
    ...deps,
    store,
    tickets: ticketStore,
    exporters: deps.ticketExporters,
    signals,
    baseUrl: config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000',
  });
  // Create is a permission on incidents; read is a plain one.
  deps.permissionsRegistry.addPermissions([
    firebreakActionItemReadPermission,
    firebreakActionItemCreatePermission,
  ]);
  deps.permissionsRegistry.addResourceType({
    resourceRef: actionItemPermissionResourceRef,
    permissions: [firebreakActionItemUpdatePermission],
    rules: Object.values(actionItemPermissionRules),
    getResources: refs => service.getPermissionResources(refs),
  });

  if (config.getOptionalBoolean('firebreak.demoData.enabled')) {
    await seedActionItemDemoData({ knex, store, logger, now: now() });
  }

  const { intervalMinutes, daysBefore, hour } = settings.reminders;
  if (intervalMinutes > 0) {
    const reminders = new ActionItemReminders({
      store,
      catalog: deps.catalog,
      auth: deps.auth,
      notifications: deps.notifications,
      notifiers: deps.notifiers,
      logger,
      now,
      daysBefore,
      hour,
    });
    // A global task runs on one replica at a time; the reminder rows make each reminder once
    // a day even if two runs overlap.
    await deps.scheduler.scheduleTask({
      id: ACTION_ITEM_REMINDER_TASK_ID,
      frequency: { minutes: intervalMinutes },
      timeout: { minutes: 5 },
      fn: async () => {
        await reminders.run();
      },
    });
  }
  const { syncIntervalMinutes } = settings.tickets;
  if (syncIntervalMinutes > 0 && deps.ticketExporters.list().length > 0) {
    const sync = new ActionItemTicketSync({
      tickets: ticketStore,
      exporters: deps.ticketExporters,
      signals,
      auditor: deps.auditor,
      logger,
      now,
      intervalMinutes: syncIntervalMinutes,
    });
    // A global task: one replica reads the tickets at a time.
    await deps.scheduler.scheduleTask({
      id: ACTION_ITEM_TICKET_SYNC_TASK_ID,
      frequency: { minutes: syncIntervalMinutes },
      timeout: { minutes: 10 },
      fn: async () => {
        const result = await sync.run();
        if (result.read + result.skipped > 0) {
          logger.info(
            `Ticket sync: read ${result.read}, changed ${result.changed}, skipped ${result.skipped}`,
          );
        }
      },
    });
  }
  return { service, tickets };
}
