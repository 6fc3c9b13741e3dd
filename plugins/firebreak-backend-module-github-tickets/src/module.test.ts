import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  FirebreakTicketExporter,
  firebreakTicketExporterExtensionPoint,
} from '@firebreak/backstage-plugin-node';
import githubTicketsModule from './index';

describe('the github-tickets module', () => {
  it('adds a GitHub ticket exporter to the Firebreak plugin', async () => {
    const added: FirebreakTicketExporter[] = [];
    // Stands in for the Firebreak backend plugin, which provides the extension point.
    const firebreak = createBackendPlugin({
      pluginId: 'firebreak',
      register(env) {
        env.registerExtensionPoint(firebreakTicketExporterExtensionPoint, {
          addTicketExporter: (...exporters) => added.push(...exporters),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    const backend = await startTestBackend({
      features: [
        firebreak,
        githubTicketsModule,
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [{ host: 'github.com', token: 't' }] },
          },
        }),
      ],
    });

    expect(added.map(e => e.id)).toEqual(['github']);
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments',
        annotations: { 'github.com/project-slug': 'acme/payments' },
      },
    };
    expect(added[0].supports({ entity })).toBe(true);
    await backend.stop();
  });
});
