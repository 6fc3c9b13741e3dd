import { Entity } from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  FirebreakTicket,
  FirebreakTicketActionItem,
  FirebreakTicketExporter,
  firebreakTicketExporterExtensionPoint,
  FirebreakTicketRef,
  FirebreakTicketStatus,
} from '@firebreak/backstage-plugin-node';

/**
 * An in-memory issue tracker behind the ticket exporter interface: tests see what it was asked
 * to create, change its tickets' states, and make its next calls fail.
 */
export class FakeTicketExporter implements FirebreakTicketExporter {
  readonly id: string;
  readonly entityRequirement?: string;
  readonly #supports: (entity: Entity) => boolean;
  /** The items tickets were created for, in order. */
  readonly created: FirebreakTicketActionItem[] = [];
  /** The tickets, by external id. */
  readonly tickets = new Map<string, FirebreakTicketStatus>();
  /** How many times a ticket's state was read. */
  reads = 0;
  /** Thrown by the next `createTicket`, which then creates nothing. */
  createFailure?: Error;
  /** Thrown by every `readStatus` while set. */
  readFailure?: Error;
  /** Runs while a state is being read, before it is answered: a concurrent user, say. */
  whileReading?: () => Promise<void>;

  constructor(
    options: {
      id?: string;
      supports?: (entity: Entity) => boolean;
      entityRequirement?: string;
    } = {},
  ) {
    this.id = options.id ?? 'test-tracker';
    this.#supports = options.supports ?? (() => true);
    this.entityRequirement = options.entityRequirement;
  }

  supports({ entity }: { entity: Entity }): boolean {
    return this.#supports(entity);
  }

  async createTicket(
    item: FirebreakTicketActionItem,
  ): Promise<FirebreakTicket> {
    const failure = this.createFailure;
    if (failure) {
      this.createFailure = undefined;
      throw failure;
    }
    this.created.push(item);
    const externalId = `FAKE-${this.created.length}`;
    const status: FirebreakTicketStatus = { state: 'open' };
    this.tickets.set(externalId, status);
    return {
      externalId,
      url: `https://tracker.example/${this.id}/${externalId}`,
      status,
    };
  }

  async readStatus(ticket: FirebreakTicketRef): Promise<FirebreakTicketStatus> {
    this.reads += 1;
    if (this.readFailure) {
      throw this.readFailure;
    }
    await this.whileReading?.();
    const status = this.tickets.get(ticket.externalId);
    if (!status) {
      throw new Error(`No ticket ${ticket.externalId}`);
    }
    return status;
  }

  /** Changes a ticket's state, as someone working in the tracker would. */
  set(externalId: string, status: FirebreakTicketStatus) {
    this.tickets.set(externalId, status);
  }
}

/** A backend module adding exporters to Firebreak, as a tracker module would. */
export function ticketExporterModule(exporters: FirebreakTicketExporter[]) {
  return createBackendModule({
    pluginId: 'firebreak',
    moduleId: 'test-ticket-exporters',
    register(reg) {
      reg.registerInit({
        deps: { tickets: firebreakTicketExporterExtensionPoint },
        async init({ tickets }) {
          tickets.addTicketExporter(...exporters);
        },
      });
    },
  });
}
