import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/**
 * Runs a mutation inside an auditor event that records its outcome.
 *
 * @internal
 */
export async function audited<T>(
  auditor: AuditorService,
  req: Request,
  eventId: string,
  meta: JsonObject,
  mutation: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: req,
    meta,
  });
  try {
    const result = await mutation();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
