import { ResponseError } from '@backstage/errors';

function asResponseError(error: unknown): ResponseError | undefined {
  // Compared by name: a second copy of @backstage/errors would defeat instanceof.
  return (error as Error | undefined)?.name === 'ResponseError'
    ? (error as ResponseError)
    : undefined;
}

/**
 * What went wrong, in the backend's words when it answered ("roles.deputy: 'x' is not a user")
 * rather than the bare status line of the HTTP answer.
 *
 * @internal
 */
export function describeFailure(error: unknown): string {
  const responseError = asResponseError(error);
  return (
    responseError?.cause?.message ||
    (error as Error | undefined)?.message ||
    String(error)
  );
}

/**
 * Whether the backend refused a change because someone else changed the incident first
 * (409 on a stale version).
 *
 * @internal
 */
export function isConflict(error: unknown): boolean {
  return asResponseError(error)?.statusCode === 409;
}
