import { TestDatabases } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  FirebreakTicketExporter,
  firebreakTicketExporterExtensionPoint,
} from '@firebreak/backstage-plugin-node';
import { startFirebreak } from '../__testUtils__/firebreakTestBackend';
import { TicketExporters } from './TicketExporters';

jest.setTimeout(60_000);

function exporter(
  id: string,
  supports: (entity: Entity) => boolean = () => true,
): FirebreakTicketExporter {
  return {
    id,
    supports: ({ entity }) => supports(entity),
    createTicket: async () => ({
      externalId: `${id}-1`,
      url: `https://tracker.example/${id}/1`,
      status: { state: 'open' },
    }),
    readStatus: async () => ({ state: 'open' }),
  };
}

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: {},
  };
}

describe('TicketExporters', () => {
  it('keeps exporters in the order added and picks the first that supports the entity', () => {
    const exporters = new TicketExporters();
    const github = exporter('github', e =>
      Boolean(e.metadata.annotations?.['github.com/project-slug']),
    );
    const fallback = exporter('fallback');
    exporters.extensionPoint.addTicketExporter(github, fallback);

    expect(exporters.list().map(e => e.id)).toEqual(['github', 'fallback']);
    expect(exporters.get('fallback')).toBe(fallback);
    expect(exporters.get('jira')).toBeUndefined();
    expect(
      exporters.forContext({
        entity: component({ 'github.com/project-slug': 'acme/payments' }),
      }),
    ).toBe(github);
    expect(exporters.forContext({ entity: component() })).toBe(fallback);
  });

  it('answers undefined when no exporter supports the entity', () => {
    const exporters = new TicketExporters();
    exporters.add(exporter('never', () => false));
    expect(exporters.forContext({ entity: component() })).toBeUndefined();
  });

  it('refuses a second exporter with the same id, and an empty id', () => {
    const exporters = new TicketExporters();
    exporters.add(exporter('github'));
    expect(() => exporters.add(exporter('github'))).toThrow(
      "A ticket exporter needs a unique id; 'github' is already installed",
    );
    expect(() => exporters.add(exporter(''))).toThrow(/is empty/);
    expect(exporters.list()).toHaveLength(1);
  });
});

describe('the ticket exporter extension point', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  const added: string[] = [];
  function moduleAdding(...exporters: FirebreakTicketExporter[]) {
    added.length = 0;
    return createBackendModule({
      pluginId: 'firebreak',
      moduleId: 'test-tickets',
      register(reg) {
        reg.registerInit({
          deps: { tickets: firebreakTicketExporterExtensionPoint },
          async init({ tickets }) {
            tickets.addTicketExporter(...exporters);
            added.push(...exporters.map(e => e.id));
          },
        });
      },
    });
  }

  it('is provided by the Firebreak plugin to its modules', async () => {
    const knex = await databases.init('SQLITE_3');
    // Without the plugin registering the extension point, the backend would refuse to start.
    const { backend } = await startFirebreak({
      knex,
      features: [moduleAdding(exporter('github'), exporter('jira'))],
    });
    expect(added).toEqual(['github', 'jira']);
    await backend.stop();
  });

  it('fails the start when a module adds two exporters with one id', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      startFirebreak({
        knex,
        features: [moduleAdding(exporter('github'), exporter('github'))],
      }),
    ).rejects.toThrow(/'github' is already installed/);
  });
});
