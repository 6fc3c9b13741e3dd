import { CustomErrorBase } from '@backstage/errors';
import { FirebreakTicketExporterError } from '@firebreak/backstage-plugin-node';

/** How long to ask callers to wait when a rate-limited tracker did not say. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * A ticket that could not be created, answered with the status that says whose problem it is:
 * - 422 when the item's entity has no tracker an installed exporter supports, or the tracker
 *   does not know its project (`not-supported`, `not-found`): the entity needs fixing;
 * - 502 when the tracker refused Firebreak's credentials (`unauthorized`, `forbidden`): the
 *   tracker answered, but an administrator must fix the integration; trying again will not help;
 * - 503 with `Retry-After` when the tracker is rate limiting (`rate-limited`), and 503 without
 *   when it failed or could not be reached (`unavailable`): try again later.
 *
 * @internal
 */
export class TicketExportError extends CustomErrorBase {
  name = 'TicketExportError' as const;
  /** The HTTP status Backstage's error handler answers with. */
  readonly statusCode: 422 | 502 | 503;
  /** For a rate limit: whole seconds to wait before trying again. */
  readonly retryAfterSeconds?: number;

  constructor(
    statusCode: 422 | 502 | 503,
    message: string,
    retryAfterSeconds?: number,
  ) {
    // No `cause`: Backstage's errors would repeat the exporter's message after ours.
    super(message);
    this.statusCode = statusCode;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The entity lacks what every installed exporter needs; the message names the field. */
  static unsupported(message: string): TicketExportError {
    return new TicketExportError(422, `entityRef: ${message}`);
  }

  /** What an exporter's failure to create a ticket means for the caller; log unknown errors first. */
  static fromExporter(
    exporterId: string,
    error: unknown,
    now: Date,
  ): TicketExportError {
    if (!(error instanceof FirebreakTicketExporterError)) {
      return new TicketExportError(
        503,
        `The ${exporterId} ticket exporter failed; try again later`,
      );
    }
    switch (error.reason) {
      case 'not-supported':
      case 'not-found':
        return new TicketExportError(422, `entityRef: ${error.message}`);
      case 'unauthorized':
      case 'forbidden':
        return new TicketExportError(
          502,
          `The ${exporterId} tracker refused Firebreak's credentials; an administrator needs to fix them: ${error.message}`,
        );
      case 'rate-limited': {
        const retryAt = error.retryAt ? Date.parse(error.retryAt) : NaN;
        const retryAfterSeconds = Number.isFinite(retryAt)
          ? Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000))
          : DEFAULT_RETRY_AFTER_SECONDS;
        return new TicketExportError(
          503,
          `The ${exporterId} tracker is rate limiting Firebreak; try again in ${retryAfterSeconds} s: ${error.message}`,
          retryAfterSeconds,
        );
      }
      default:
        return new TicketExportError(
          503,
          `The ${exporterId} tracker is unavailable; try again later: ${error.message}`,
        );
    }
  }
}
