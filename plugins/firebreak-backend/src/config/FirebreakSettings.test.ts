import { ConfigReader } from '@backstage/config';
import { readFirebreakSettings } from './FirebreakSettings';

describe('readFirebreakSettings', () => {
  it('defaults to the product severities, matrix and roles', () => {
    const settings = readFirebreakSettings(new ConfigReader({}));
    expect(settings.severities.map(s => [s.id, s.major])).toEqual([
      ['SEV1', true],
      ['SEV2', true],
      ['SEV3', false],
    ]);
    expect(settings.priority.matrix.high.high).toBe('P1');
    expect(settings.roles.map(r => r.id)).toContain('commander');
    expect(settings.plays).toEqual([]);
    expect(settings.handoffReminder).toEqual({ minutesBefore: 30 });
  });

  it.each([0, 10, 90])(
    'reads handoff reminders %s minutes before a shift',
    minutesBefore => {
      const settings = readFirebreakSettings(
        new ConfigReader({
          firebreak: { oncall: { handoffReminder: { minutesBefore } } },
        }),
      );
      expect(settings.handoffReminder).toEqual({ minutesBefore });
    },
  );

  it('reads severities, role names and response plays', () => {
    const settings = readFirebreakSettings(
      new ConfigReader({
        firebreak: {
          severities: [
            {
              id: 'CRIT',
              description: 'Everything is down',
              major: true,
              defaultImpact: 'high',
              defaultUrgency: 'high',
            },
          ],
          roles: { commander: 'Incident lead' },
          responsePlays: [
            {
              name: 'major',
              severities: ['CRIT'],
              subscribers: ['group:default/leadership'],
              links: [{ title: 'Bridge', url: 'https://meet/{slug}' }],
            },
          ],
        },
      }),
    );
    expect(settings.severities).toEqual([
      expect.objectContaining({ id: 'CRIT', name: 'CRIT', major: true }),
    ]);
    expect(settings.roles.find(r => r.id === 'commander')?.name).toBe(
      'Incident lead',
    );
    expect(settings.plays[0]).toEqual({
      name: 'major',
      severities: ['CRIT'],
      responders: [],
      subscribers: ['group:default/leadership'],
      links: [{ title: 'Bridge', url: 'https://meet/{slug}', type: 'link' }],
    });
  });

  it.each([
    [{ severities: [] }, /firebreak.severities must list at least one level/],
    [
      {
        severities: [
          { id: 'S1', defaultImpact: 'huge', defaultUrgency: 'high' },
        ],
      },
      /firebreak.severities\[S1\].defaultImpact 'huge'/,
    ],
    [
      { responsePlays: [{ name: 'p', severities: ['SEV9'] }] },
      /firebreak.responsePlays\[p\].severities: 'SEV9'/,
    ],
    [
      {
        priority: {
          impacts: [{ id: 'a' }],
          urgencies: [{ id: 'b' }],
          matrix: { a: {} },
        },
      },
      /firebreak.priority.matrix.a.b is missing/,
    ],
    [
      { oncall: { handoffReminder: { minutesBefore: -5 } } },
      /firebreak.oncall.handoffReminder.minutesBefore must be a number of minutes, 0 or more/,
    ],
  ])('refuses %j', (firebreak, message) => {
    expect(() =>
      readFirebreakSettings(new ConfigReader({ firebreak })),
    ).toThrow(message);
  });

  it.each([
    // eslint-disable-next-line no-script-url -- the test is that it is refused
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    '{slug}',
    'chat.example.com/{slug}',
  ])('refuses a response play link template %j, naming the key', url => {
    const config = new ConfigReader({
      firebreak: {
        responsePlays: [
          {
            name: 'Major',
            severities: ['SEV1'],
            links: [
              { title: 'Chat', url: 'https://chat.example.com/{slug}' },
              { title: 'Bridge', url },
            ],
          },
        ],
      },
    });
    expect(() => readFirebreakSettings(config)).toThrow(
      'firebreak.responsePlays[0].links[1].url must be an http or https URL',
    );
  });

  it('accepts http(s) link templates with placeholders', () => {
    const settings = readFirebreakSettings(
      new ConfigReader({
        firebreak: {
          responsePlays: [
            {
              name: 'Major',
              severities: ['SEV1'],
              links: [
                { title: 'Chat', url: 'https://chat.example.com/{slug}' },
              ],
            },
          ],
        },
      }),
    );
    expect(settings.plays[0].links[0].url).toBe(
      'https://chat.example.com/{slug}',
    );
  });
});
