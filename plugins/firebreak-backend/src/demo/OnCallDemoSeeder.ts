import { LoggerService } from '@backstage/backend-plugin-api';
import { OnCallStore } from '../oncall/OnCallStore';

const DAY = 86_400_000;

/**
 * Fills an empty on-call setup with the example organisation's rotations: every team gets a
 * schedule and a default escalation policy, so the demo shows who is on call and pages them.
 *
 * @internal
 */
export async function seedOnCallDemoData(options: {
  store: OnCallStore;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const { store, logger } = options;
  const now = options.now ?? new Date();
  if ((await store.listSchedules({}, now)).length > 0) {
    return;
  }

  // Payments: a weekly primary and a secondary one step behind it, Berlin time.
  const paymentsPrimary = await store.createSchedule(
    {
      name: 'Payments primary',
      ownerRef: 'group:default/payments',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'Weekly rotation',
          participants: [
            'user:default/alice.nguyen',
            'user:default/bruno.costa',
            'user:default/chen.wei',
          ],
          rotation: { type: 'weekly', handoff: '2026-01-05T09:00' },
        },
      ],
    },
    now,
  );
  const paymentsSecondary = await store.createSchedule(
    {
      name: 'Payments secondary',
      ownerRef: 'group:default/payments',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'Weekly rotation',
          participants: [
            'user:default/chen.wei',
            'user:default/alice.nguyen',
            'user:default/bruno.costa',
          ],
          rotation: { type: 'weekly', handoff: '2026-01-05T09:00' },
        },
      ],
    },
    now,
  );

  // Storefront: twelve-hour shifts in New York, with an office-hours layer for the lead.
  const storefront = await store.createSchedule(
    {
      name: 'Storefront on-call',
      ownerRef: 'group:default/storefront',
      timeZone: 'America/New_York',
      layers: [
        {
          name: 'Twelve-hour shifts',
          participants: [
            'user:default/dana.okafor',
            'user:default/emil.larsen',
            'user:default/farah.haddad',
          ],
          rotation: { type: 'hours', hours: 12, handoff: '2026-01-05T08:00' },
        },
        {
          name: 'Office hours',
          participants: ['user:default/dana.okafor'],
          rotation: { type: 'weekly', handoff: '2026-01-05T09:00' },
          restrictions: [
            { daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
          ],
        },
      ],
    },
    now,
  );

  // Platform & SRE: weekly in London, Hana covering the coming weekend for Gustavo.
  const platform = await store.createSchedule(
    {
      name: 'Platform & SRE',
      ownerRef: 'group:default/platform',
      timeZone: 'Europe/London',
      layers: [
        {
          name: 'Weekly rotation',
          participants: ['user:default/gustavo.ruiz', 'user:default/hana.sato'],
          rotation: { type: 'weekly', handoff: '2026-01-05T10:00' },
        },
      ],
    },
    now,
  );
  const saturday = new Date(
    now.getTime() + ((6 - now.getUTCDay() + 7) % 7) * DAY,
  );
  saturday.setUTCHours(8, 0, 0, 0);
  await store.addOverride(
    platform.id,
    {
      userRef: 'user:default/hana.sato',
      start: saturday,
      end: new Date(saturday.getTime() + 2 * DAY),
    },
    'user:default/gustavo.ruiz',
    now,
  );

  await store.createPolicy(
    {
      name: 'Payments default',
      ownerRef: 'group:default/payments',
      levels: [
        {
          targets: [{ type: 'schedule', ref: paymentsPrimary.id }],
          ackTimeoutMinutes: 10,
        },
        {
          targets: [{ type: 'schedule', ref: paymentsSecondary.id }],
          ackTimeoutMinutes: 15,
        },
        {
          targets: [{ type: 'schedule', ref: platform.id }],
          ackTimeoutMinutes: 15,
        },
      ],
      repeat: 1,
    },
    now,
  );
  await store.createPolicy(
    {
      name: 'Storefront default',
      ownerRef: 'group:default/storefront',
      levels: [
        {
          targets: [{ type: 'schedule', ref: storefront.id }],
          ackTimeoutMinutes: 5,
        },
        {
          targets: [{ type: 'user', ref: 'user:default/dana.okafor' }],
          ackTimeoutMinutes: 10,
        },
        {
          targets: [{ type: 'schedule', ref: platform.id }],
          ackTimeoutMinutes: 15,
        },
      ],
      repeat: 2,
    },
    now,
  );
  await store.createPolicy(
    {
      name: 'Platform & SRE default',
      ownerRef: 'group:default/platform',
      levels: [
        {
          targets: [{ type: 'schedule', ref: platform.id }],
          ackTimeoutMinutes: 15,
        },
        {
          targets: [
            { type: 'user', ref: 'user:default/gustavo.ruiz' },
            { type: 'user', ref: 'user:default/hana.sato' },
          ],
          ackTimeoutMinutes: 15,
        },
      ],
      repeat: 2,
    },
    now,
  );
  logger.info('Demo data: on-call schedules and escalation policies');
}
