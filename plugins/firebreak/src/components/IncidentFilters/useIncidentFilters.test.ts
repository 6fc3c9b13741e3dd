import { Settings } from 'luxon';
import {
  IncidentFilterValues,
  isBackwardsRange,
  toListRequest,
} from './useIncidentFilters';

const none: IncidentFilterValues = {
  status: '',
  severity: '',
  q: '',
  from: '',
  to: '',
};

describe('toListRequest', () => {
  const zone = Settings.defaultZone;
  beforeAll(() => {
    Settings.defaultZone = 'Europe/Berlin';
  });
  afterAll(() => {
    Settings.defaultZone = zone;
  });

  it('asks for everything when no filter is set', () => {
    expect(toListRequest(none)).toEqual({
      status: undefined,
      severity: undefined,
      q: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it('turns days into instants at local midnight, the last day included in full', () => {
    // Berlin is on summer time (UTC+2) until 25 October 2026, then UTC+1.
    expect(
      toListRequest({ ...none, from: '2026-10-20', to: '2026-10-25' }),
    ).toMatchObject({
      from: '2026-10-19T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    });
  });

  it('passes status, severity and trimmed text, and ignores a day that is no date', () => {
    expect(
      toListRequest({
        ...none,
        status: 'resolved',
        severity: 'SEV1',
        q: '  ledger ',
        from: 'yesterday',
      }),
    ).toEqual({
      status: ['resolved'],
      severity: ['SEV1'],
      q: 'ledger',
      from: undefined,
      to: undefined,
    });
  });
});

describe('isBackwardsRange', () => {
  it.each([
    ['2026-11-02', '2026-11-01', true],
    ['2026-11-01', '2026-11-01', false],
    ['2026-11-01', '2026-11-02', false],
    ['2026-11-01', '', false],
    ['', '2026-11-01', false],
  ])('from %s to %s → %s', (from, to, expected) => {
    expect(isBackwardsRange({ ...none, from, to })).toBe(expected);
  });
});
