import {
  FirebreakTicketContext,
  FirebreakTicketExporter,
  FirebreakTicketExporterExtensionPoint,
} from '@firebreak/backstage-plugin-node';

/**
 * The ticket exporters that backend modules installed through
 * `firebreakTicketExporterExtensionPoint`, in the order they were added.
 */
export class TicketExporters {
  readonly #exporters: FirebreakTicketExporter[] = [];

  /** What the extension point hands to modules: adding, and nothing else. */
  readonly extensionPoint: FirebreakTicketExporterExtensionPoint = {
    addTicketExporter: (...exporters) => this.add(...exporters),
  };

  add(...exporters: FirebreakTicketExporter[]): void {
    for (const exporter of exporters) {
      if (!exporter.id || this.get(exporter.id)) {
        throw new Error(
          `A ticket exporter needs a unique id; '${exporter.id}' is ${
            exporter.id ? 'already installed' : 'empty'
          }`,
        );
      }
      this.#exporters.push(exporter);
    }
  }

  list(): FirebreakTicketExporter[] {
    return [...this.#exporters];
  }

  get(id: string): FirebreakTicketExporter | undefined {
    return this.#exporters.find(exporter => exporter.id === id);
  }

  /** The first exporter that can create tickets for the context's entity, if any. */
  forContext(
    context: FirebreakTicketContext,
  ): FirebreakTicketExporter | undefined {
    return this.#exporters.find(exporter => exporter.supports(context));
  }
}
