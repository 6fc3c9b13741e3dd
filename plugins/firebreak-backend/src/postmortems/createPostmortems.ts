import {
  AuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { readFirebreakSettings } from '../config/FirebreakSettings';
import {
  PostmortemSettings,
  readPostmortemSettings,
} from '../config/PostmortemSettings';
import { PostmortemIncidents } from './PostmortemAccess';
import { PostmortemCoverageStore } from './PostmortemCoverageStore';
import { PostmortemNotifier } from './PostmortemNotifier';
import {
  POSTMORTEM_REMINDER_TASK_ID,
  PostmortemReminders,
} from './PostmortemReminders';
import { PostmortemService } from './PostmortemService';
import { PostmortemStore, TimelineAppender } from './PostmortemStore';

/**
 * Builds the postmortem feature for the plugin: its settings, store, notifier and service,
 * and schedules its due reminders (one replica at a time; each reminder is claimed once).
 *
 * @internal
 */
export async function createPostmortems(deps: {
  config: RootConfigService;
  knex: Knex;
  timeline: TimelineAppender;
  /** The incident service, made after this one (it calls back on status changes). */
  incidents: () => PostmortemIncidents;
  permissions: PermissionsService;
  catalog: CatalogService;
  auth: AuthService;
  signals?: SignalsService;
  notifications?: NotificationService;
  scheduler: SchedulerService;
  logger: LoggerService;
  now: () => Date;
}): Promise<{
  service: PostmortemService;
  store: PostmortemStore;
  settings: PostmortemSettings;
}> {
  const settings = readPostmortemSettings(
    deps.config,
    readFirebreakSettings(deps.config).severities,
  );
  const store = new PostmortemStore(deps.knex, deps.timeline);
  const notifier = new PostmortemNotifier(deps);
  const service = new PostmortemService({
    ...deps,
    store,
    coverageStore: new PostmortemCoverageStore(deps.knex, store),
    notifier,
    settings,
    incidents: {
      get: (idOrRef, credentials) => deps.incidents().get(idOrRef, credentials),
      timeline: (idOrRef, credentials) =>
        deps.incidents().timeline(idOrRef, credentials),
    },
  });
  if (settings.reminderHoursBefore > 0) {
    const reminders = new PostmortemReminders({
      store,
      notifier,
      logger: deps.logger,
      now: deps.now,
      hoursBefore: settings.reminderHoursBefore,
    });
    await deps.scheduler.scheduleTask({
      id: POSTMORTEM_REMINDER_TASK_ID,
      frequency: { minutes: 5 },
      timeout: { minutes: 5 },
      fn: async () => {
        await reminders.run();
      },
    });
  }
  return { service, store, settings };
}
