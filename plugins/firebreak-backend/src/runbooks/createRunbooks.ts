import {
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { firebreakRunbookPermissions } from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { FirebreakSettings } from '../config/FirebreakSettings';
import { seedRunbookDemoData } from '../demo/RunbookDemoSeeder';
import {
  runbookPermissionResourceRef,
  runbookPermissionRules,
} from '../permissions/runbooks';
import { IncidentRunbooks, RunbookIncidents } from './IncidentRunbooks';
import { RunbookService } from './RunbookService';
import { RunbookStore } from './RunbookStore';

/**
 * Builds the runbook feature — its store, service and incident view — and registers its
 * permission resource type; the plugin adds its routes and seeds its demo data through it.
 *
 * @internal
 */
export function createRunbooks(deps: {
  knex: Knex;
  catalog: CatalogService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  signals?: SignalsService;
  logger: LoggerService;
  settings: FirebreakSettings;
  incidents: RunbookIncidents;
  now: () => Date;
}) {
  const store = new RunbookStore(deps.knex);
  const service = new RunbookService({
    store,
    catalog: deps.catalog,
    permissions: deps.permissions,
    severities: deps.settings.severities.map(s => s.id),
    signals: deps.signals,
    logger: deps.logger,
    now: deps.now,
  });
  deps.permissionsRegistry.addResourceType({
    resourceRef: runbookPermissionResourceRef,
    permissions: firebreakRunbookPermissions,
    rules: Object.values(runbookPermissionRules),
    getResources: refs => service.getPermissionResources(refs),
  });
  const incidentRunbooks = new IncidentRunbooks({
    store,
    catalog: deps.catalog,
    runbooks: service,
    incidents: deps.incidents,
  });
  return {
    service,
    incidentRunbooks,
    seedDemoData: () =>
      seedRunbookDemoData({ store, logger: deps.logger, now: deps.now() }),
  };
}
