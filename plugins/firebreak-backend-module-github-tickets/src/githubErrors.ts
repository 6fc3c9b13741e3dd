import { FirebreakTicketExporterError } from '@firebreak/backstage-plugin-node';

/** What the exporter reads of Octokit's `RequestError`. */
interface GithubRequestError {
  status?: number;
  message?: string;
  response?: {
    headers?: Record<string, string | number | undefined>;
    data?: unknown;
  };
}

function header(error: GithubRequestError, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** GitHub's own `message` from the error body, such as `Bad credentials`. */
function githubMessage(error: GithubRequestError): string | undefined {
  const data = error.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === 'string' ? data.message : undefined;
}

/**
 * When to retry after a rate limit, as GitHub documents it: `retry-after` seconds (secondary
 * limits), or the `x-ratelimit-reset` epoch second once `x-ratelimit-remaining` is 0 (primary).
 * Undefined when the response is not a rate limit.
 */
function rateLimitRetryAt(
  error: GithubRequestError,
  now: Date,
): { retryAt?: string } | undefined {
  if (error.status !== 403 && error.status !== 429) {
    return undefined;
  }
  const retryAfter = Number(header(error, 'retry-after'));
  if (
    header(error, 'retry-after') !== undefined &&
    Number.isFinite(retryAfter)
  ) {
    return {
      retryAt: new Date(now.getTime() + retryAfter * 1000).toISOString(),
    };
  }
  if (header(error, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(error, 'x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0
      ? { retryAt: new Date(reset * 1000).toISOString() }
      : {};
  }
  if (error.status === 429 || /rate limit/i.test(githubMessage(error) ?? '')) {
    return {};
  }
  return undefined;
}

/**
 * Turns what Octokit threw while doing something (`create an issue in acme/payments on
 * github.com`) into a {@link FirebreakTicketExporterError} whose message says what to fix.
 */
export function describeGithubError(
  error: unknown,
  doing: string,
  now: Date = new Date(),
): FirebreakTicketExporterError {
  if (error instanceof FirebreakTicketExporterError) {
    return error;
  }
  const requestError = (error ?? {}) as GithubRequestError;
  // Octokit reports a request that got no answer (refused, reset) as status 500 without a response.
  const status = requestError.response ? requestError.status : undefined;
  const said = githubMessage(requestError);
  const answer = status
    ? ` (GitHub answered ${status}${said ? `: ${said}` : ''})`
    : '';
  const options = { cause: error };

  const rateLimit = status ? rateLimitRetryAt(requestError, now) : undefined;
  if (rateLimit) {
    return new FirebreakTicketExporterError(
      'rate-limited',
      `GitHub's rate limit stopped Firebreak from trying to ${doing}; try again ${
        rateLimit.retryAt ? `after ${rateLimit.retryAt}` : 'later'
      }${answer}`,
      { ...options, retryAt: rateLimit.retryAt },
    );
  }
  switch (status) {
    case 401:
      return new FirebreakTicketExporterError(
        'unauthorized',
        `GitHub refused the credentials configured under integrations.github when trying to ${doing}${answer}`,
        options,
      );
    case 403:
      return new FirebreakTicketExporterError(
        'forbidden',
        `The GitHub credentials configured under integrations.github may not ${doing}${answer}`,
        options,
      );
    case 404:
      return new FirebreakTicketExporterError(
        'not-found',
        `Could not ${doing}: GitHub does not know it, or the credentials configured under integrations.github cannot see it${answer}`,
        options,
      );
    case 410:
      return new FirebreakTicketExporterError(
        'not-supported',
        `Could not ${doing}: issues are disabled there, or the issue was deleted${answer}`,
        options,
      );
    default:
      return new FirebreakTicketExporterError(
        'unavailable',
        `Could not ${doing}${
          answer ||
          `: GitHub could not be reached (${
            requestError.message ?? String(error)
          })`
        }`,
        options,
      );
  }
}
