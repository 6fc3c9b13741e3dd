import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { firebreakTicketExporterExtensionPoint } from '@firebreak/backstage-plugin-node';
import { GithubTicketExporter } from './GithubTicketExporter';

/**
 * Adds a ticket exporter to Firebreak that creates GitHub issues in the repository named by an
 * entity's `github.com/project-slug` annotation, with the credentials of `integrations.github`.
 *
 * @public
 */
export const firebreakModuleGithubTickets = createBackendModule({
  pluginId: 'firebreak',
  moduleId: 'github-tickets',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        tickets: firebreakTicketExporterExtensionPoint,
      },
      async init({ config, logger, tickets }) {
        tickets.addTicketExporter(
          GithubTicketExporter.fromConfig(config, { logger }),
        );
      },
    });
  },
});
