import request from 'supertest';
import { as, FirebreakTestBackend, users } from '../firebreakTestBackend';
import { RequestTally } from './RequestTally';

type TestServer = FirebreakTestBackend['server'];

/** The instant the matrix's backends live at. */
export const MATRIX_NOW = '2026-06-03T12:00:00.000Z';

/** The escalation policy `component:default/search` names in its annotation. */
const SEARCH_POLICY = 'Search experts';

/**
 * Makes, as alice, what the matrix's requests need: incidents, schedules, overrides,
 * escalation policies and calendar tokens. Names are numbered, so rows sharing one backend
 * never collide.
 */
export class MatrixSetup {
  private sequence = 0;
  private searchPolicy?: Promise<unknown>;

  constructor(
    private readonly server: TestServer,
    private readonly tally: RequestTally,
    /** Alice's Authorization header: mock credentials unless a test verifies real tokens. */
    private readonly authorization: string = as(users.alice),
  ) {}

  /** Sends a request as alice and answers its body; fails unless it succeeded. */
  async send(
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: object,
  ): Promise<any> {
    const res = await request(this.server)
      [method](`/api/firebreak${path}`)
      .set('Authorization', this.authorization)
      .send(body);
    this.tally.recordSetup();
    if (res.status >= 300) {
      throw new Error(
        `Setup ${method.toUpperCase()} ${path} answered ${
          res.status
        }: ${JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  }

  /** A name no other row has used. */
  unique(name: string): string {
    this.sequence += 1;
    return `${name} ${this.sequence}`;
  }

  /** A SEV2 incident on payments-api, or on the given entity. */
  declareIncident(entityRef = 'component:default/payments-api') {
    return this.send('post', '/incidents', {
      title: this.unique('Checkout is slow'),
      severity: 'SEV2',
      entityRefs: [entityRef],
    });
  }

  /** An incident on search, whose policy pages alice first, then bob. */
  async pagedIncident() {
    this.searchPolicy ??= this.send('post', '/escalation-policies', {
      name: SEARCH_POLICY,
      ownerRef: 'group:default/storefront',
      levels: [
        {
          targets: [{ type: 'user', ref: users.alice }],
          ackTimeoutMinutes: 5,
        },
        { targets: [{ type: 'user', ref: users.bob }], ackTimeoutMinutes: 5 },
      ],
    });
    await this.searchPolicy;
    return this.declareIncident('component:default/search');
  }

  /** A weekly schedule of the payments team. */
  createSchedule() {
    return this.send('post', '/schedules', this.scheduleBody());
  }

  /** A valid body for a new schedule. */
  scheduleBody() {
    return {
      name: this.unique('Payments primary'),
      ownerRef: 'group:default/payments',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'Weekly',
          participants: [users.alice, users.bob],
          rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
        },
      ],
    };
  }

  /** A valid body for an override: bob covers tomorrow afternoon. */
  overrideBody() {
    return {
      userRef: users.bob,
      start: '2026-06-04T13:00:00.000Z',
      end: '2026-06-04T17:00:00.000Z',
    };
  }

  /** An escalation policy of the payments team that pages alice. */
  createPolicy() {
    return this.send('post', '/escalation-policies', this.policyBody());
  }

  /** A valid body for a new escalation policy. */
  policyBody() {
    return {
      name: this.unique('Payments escalation'),
      ownerRef: 'group:default/payments',
      levels: [
        {
          targets: [{ type: 'user', ref: users.alice }],
          ackTimeoutMinutes: 10,
        },
      ],
    };
  }
}
