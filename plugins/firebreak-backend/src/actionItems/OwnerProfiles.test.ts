import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OwnerProfiles } from './OwnerProfiles';

function entity(
  kind: string,
  name: string,
  more: { zone?: string; displayName?: string; title?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(more.title ? { title: more.title } : {}),
      ...(more.zone
        ? { annotations: { 'firebreak.dev/time-zone': more.zone } }
        : {}),
    },
    spec: more.displayName
      ? { profile: { displayName: more.displayName } }
      : {},
  };
}

describe('OwnerProfiles', () => {
  const entities = [
    entity('User', 'kiri', { zone: 'Pacific/Auckland', displayName: 'Kiri' }),
    entity('User', 'lou', { displayName: 'Lou Park' }),
    entity('User', 'typo', { zone: 'Mars/Olympus_Mons' }),
    entity('Group', 'la-ops', {
      zone: 'America/Los_Angeles',
      title: 'LA operations',
    }),
    entity('Group', 'plain'),
    ...Array.from({ length: 1200 }, (_, i) => entity('User', `u${i}`)),
  ];

  async function read(refs: Array<string | null | undefined>) {
    const catalog = catalogServiceMock({ entities });
    const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
    const logger = mockServices.logger.mock();
    const profiles = await OwnerProfiles.read(
      { catalog, auth: mockServices.auth(), logger },
      refs,
    );
    return { profiles, lookups, logger };
  }

  it('takes the owner’s zone, else the group’s, else UTC', async () => {
    const { profiles } = await read([
      'user:default/kiri',
      'user:default/lou',
      'group:default/la-ops',
      'group:default/plain',
    ]);
    expect(
      profiles.timeZoneOf('user:default/kiri', 'group:default/la-ops'),
    ).toBe('Pacific/Auckland');
    expect(
      profiles.timeZoneOf('User:default/Lou', 'group:default/la-ops'),
    ).toBe('America/Los_Angeles');
    expect(profiles.timeZoneOf('user:default/lou', 'group:default/plain')).toBe(
      'UTC',
    );
    expect(profiles.timeZoneOf('user:default/lou', null)).toBe('UTC');
    // Not in the catalog (any more): UTC.
    expect(profiles.timeZoneOf('user:default/gone')).toBe('UTC');
  });

  it('ignores a zone luxon does not know, and says so once', async () => {
    const { profiles, logger } = await read([
      'user:default/typo',
      'group:default/la-ops',
    ]);
    expect(
      profiles.timeZoneOf('user:default/typo', 'group:default/la-ops'),
    ).toBe('America/Los_Angeles');
    expect(profiles.timeZoneOf('user:default/typo')).toBe('UTC');
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /user:default\/typo has firebreak.dev\/time-zone 'Mars\/Olympus_Mons'/,
    );
  });

  it('names people and teams by display name, title or name, never by ref', async () => {
    const { profiles } = await read([
      'user:default/lou',
      'group:default/la-ops',
      'group:default/plain',
      'service:plugin:scaffolder',
    ]);
    expect(profiles.nameOf('user:default/lou')).toBe('Lou Park');
    expect(profiles.nameOf('group:default/la-ops')).toBe('LA operations');
    expect(profiles.nameOf('group:default/plain')).toBe('plain');
    expect(profiles.nameOf('user:default/gone')).toBe('gone');
    expect(profiles.nameOf('service:plugin:scaffolder')).toBe(
      'A Backstage service',
    );
  });

  it('reads many refs in a few batches, once each, skipping what is not an entity ref', async () => {
    const refs = Array.from({ length: 1200 }, (_, i) => `user:default/u${i}`);
    const { profiles, lookups } = await read([
      ...refs,
      ...refs,
      null,
      undefined,
      'service:plugin:scaffolder',
    ]);
    expect(lookups).toHaveBeenCalledTimes(3);
    const asked = lookups.mock.calls.flatMap(([request]) => request.entityRefs);
    expect(asked).toHaveLength(1200);
    expect(new Set(asked)).toEqual(new Set(refs));
    expect(profiles.nameOf('user:default/u1199')).toBe('u1199');
  });

  it('asks the catalog nothing when there is nobody to look up', async () => {
    const { lookups } = await read([null, undefined]);
    expect(lookups).not.toHaveBeenCalled();
  });
});
