import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import {
  FirebreakTicket,
  FirebreakTicketActionItem,
  FirebreakTicketContext,
  FirebreakTicketExporter,
  FirebreakTicketExporterError,
  FirebreakTicketRef,
  FirebreakTicketStatus,
} from '@firebreak/backstage-plugin-node';
import { Octokit } from '@octokit/rest';
import { describeGithubError } from './githubErrors';
import { issueBody, issueTitle } from './issueContent';

/** The annotation Backstage's GitHub plugins read: `owner/repo`. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';
const SLUG = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/;
const EXTERNAL_ID = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)#(\d+)$/;
const DEFAULT_HOST = 'github.com';
/** How long one call to GitHub may take before it counts as unreachable. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** A repository on one GitHub host. */
interface Repository {
  host: string;
  owner: string;
  repo: string;
}

/** The fields of a GitHub issue that the exporter reads. */
interface GithubIssue {
  number: number;
  html_url: string;
  state: string;
  state_reason?: string | null;
  closed_at?: string | null;
}

/**
 * Files Firebreak action items as issues in the GitHub repository named by the entity's
 * `github.com/project-slug` annotation, with the credentials of Backstage's
 * `integrations.github` config (a token or a GitHub App), and reads their state back.
 */
export class GithubTicketExporter implements FirebreakTicketExporter {
  readonly id = 'github';
  readonly entityRequirement = `a '${GITHUB_PROJECT_SLUG_ANNOTATION}' annotation naming its repository (owner/repo)`;
  readonly #integrations: ScmIntegrations;
  readonly #credentials: GithubCredentialsProvider;
  readonly #labels: string[];
  readonly #logger?: LoggerService;
  readonly #timeoutMs: number;

  static fromConfig(
    config: Config,
    options: { logger?: LoggerService; timeoutMs?: number } = {},
  ): GithubTicketExporter {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubTicketExporter({
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      labels: config.getOptionalStringArray(
        'firebreak.githubTickets.labels',
      ) ?? ['firebreak'],
      logger: options.logger,
      timeoutMs: options.timeoutMs,
    });
  }

  constructor(options: {
    integrations: ScmIntegrations;
    credentials: GithubCredentialsProvider;
    labels: string[];
    logger?: LoggerService;
    timeoutMs?: number;
  }) {
    this.#integrations = options.integrations;
    this.#credentials = options.credentials;
    this.#labels = options.labels;
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  supports({ entity }: FirebreakTicketContext): boolean {
    return SLUG.test(slugOf(entity) ?? '');
  }

  async createTicket(
    item: FirebreakTicketActionItem,
    { entity }: FirebreakTicketContext,
  ): Promise<FirebreakTicket> {
    const repository = this.#repositoryOf(entity);
    const where = `${repository.owner}/${repository.repo} on ${repository.host}`;
    const { octokit, authenticated } = await this.#client(repository);
    if (!authenticated) {
      throw new FirebreakTicketExporterError(
        'unauthorized',
        `No GitHub credentials for ${repository.host}: add a token or a GitHub App for it under integrations.github to create issues in ${where}`,
      );
    }
    try {
      const { data } = await octokit.issues.create({
        owner: repository.owner,
        repo: repository.repo,
        title: issueTitle(item),
        body: issueBody(item),
        labels: this.#labels,
      });
      return {
        externalId: `${repository.owner}/${repository.repo}#${data.number}`,
        url: data.html_url,
        status: statusOf(data),
      };
    } catch (error) {
      throw describeGithubError(error, `create an issue in ${where}`);
    }
  }

  async readStatus(ticket: FirebreakTicketRef): Promise<FirebreakTicketStatus> {
    const match = EXTERNAL_ID.exec(ticket.externalId);
    let host: string | undefined;
    try {
      host = new URL(ticket.url).host;
    } catch {
      host = undefined;
    }
    if (!match || !host) {
      throw new FirebreakTicketExporterError(
        'not-supported',
        `'${ticket.externalId}' at '${ticket.url}' is not a GitHub issue this exporter created (expected owner/repo#number and the issue's URL)`,
      );
    }
    const [, owner, repo, issueNumber] = match;
    const repository = { host, owner, repo };
    const { octokit } = await this.#client(repository);
    try {
      const { data } = await octokit.issues.get({
        owner,
        repo,
        issue_number: Number(issueNumber),
      });
      return statusOf(data);
    } catch (error) {
      throw describeGithubError(
        error,
        `read issue ${ticket.externalId} on ${host}`,
      );
    }
  }

  /** The repository of the entity's slug, on the host of its source location if that is a GitHub integration. */
  #repositoryOf(entity: Entity): Repository {
    const match = SLUG.exec(slugOf(entity) ?? '');
    if (!match) {
      throw new FirebreakTicketExporterError(
        'not-supported',
        `${stringifyEntityRef(
          entity,
        )} has no valid '${GITHUB_PROJECT_SLUG_ANNOTATION}' annotation (owner/repo), so there is no GitHub repository to create the issue in`,
      );
    }
    return { host: this.#hostOf(entity), owner: match[1], repo: match[2] };
  }

  #hostOf(entity: Entity): string {
    const location = entity.metadata.annotations?.[SOURCE_LOCATION_ANNOTATION];
    const url = location?.replace(/^url:/, '');
    if (url) {
      try {
        const integration = this.#integrations.github.byUrl(url);
        if (integration) {
          return integration.config.host;
        }
      } catch {
        // Not a URL: fall back to github.com.
      }
    }
    return DEFAULT_HOST;
  }

  async #client(repository: Repository) {
    const integration = this.#integrations.github.byHost(repository.host);
    if (!integration?.config.apiBaseUrl) {
      throw new FirebreakTicketExporterError(
        'not-supported',
        `There is no GitHub integration with an API URL for ${repository.host}: add it under integrations.github`,
      );
    }
    let token: string | undefined;
    try {
      ({ token } = await this.#credentials.getCredentials({
        url: `https://${repository.host}/${repository.owner}/${repository.repo}`,
      }));
    } catch (error) {
      throw new FirebreakTicketExporterError(
        'unauthorized',
        `Could not get GitHub credentials for ${repository.host}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
    const logger = this.#logger;
    const octokit = new Octokit({
      baseUrl: integration.config.apiBaseUrl,
      auth: token,
      request: { signal: AbortSignal.timeout(this.#timeoutMs) },
      log: {
        debug: () => {},
        info: () => {},
        warn: message => logger?.warn(message),
        error: message => logger?.error(message),
      },
    });
    return { octokit, authenticated: Boolean(token) };
  }
}

function slugOf(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
}

/** GitHub's issue state as Firebreak reads it: `state_reason` tells completed from not planned. */
export function statusOf(issue: GithubIssue): FirebreakTicketStatus {
  if (issue.state !== 'closed') {
    return { state: 'open' };
  }
  const status: FirebreakTicketStatus = { state: 'closed' };
  if (issue.state_reason === 'completed') {
    status.resolution = 'completed';
  } else if (issue.state_reason === 'not_planned') {
    status.resolution = 'not_planned';
  }
  if (issue.closed_at) {
    status.closedAt = issue.closed_at;
  }
  return status;
}
