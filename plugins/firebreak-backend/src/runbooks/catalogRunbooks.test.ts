/* eslint-disable no-script-url -- these tests are that script URLs are never listed */
import { Entity } from '@backstage/catalog-model';
import { catalogRunbooksOf } from './catalogRunbooks';
import { numberSteps } from './RunbookStore';

function entityWith(metadata: Partial<Entity['metadata']>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', ...metadata },
  };
}

describe('catalogRunbooksOf', () => {
  it.each([
    ['no annotation, no links', {}, []],
    [
      'annotation URLs separated by commas and new lines',
      {
        annotations: {
          'firebreak.dev/runbooks':
            ' https://a.example/one ,https://a.example/two\n\nhttp://b.example/',
        },
      },
      [
        'annotation https://a.example/one a.example/one',
        'annotation https://a.example/two a.example/two',
        'annotation http://b.example/ b.example',
      ],
    ],
    [
      'only runbook links, any case, untitled ones by host and path',
      {
        links: [
          { url: 'https://r.example/a', title: 'A', type: 'Runbook' },
          { url: 'https://r.example/b', type: 'runbook' },
          { url: 'https://d.example/', title: 'Dash', type: 'dashboard' },
          { url: 'https://r.example/c', title: 'No type' },
        ],
      },
      ['link https://r.example/a A', 'link https://r.example/b r.example/b'],
    ],
    [
      'nothing but http and https, wherever it comes from',
      {
        annotations: {
          'firebreak.dev/runbooks':
            'javascript:alert(1), JavaScript:alert(2),data:text/html,x, file:///etc/passwd, not a url',
        },
        links: [
          { url: 'javascript:alert(3)', title: 'Bad', type: 'runbook' },
          { url: ' java\nscript:alert(4)', title: 'Worse', type: 'runbook' },
          { url: 'vbscript:x', title: 'Old', type: 'runbook' },
        ],
      },
      [],
    ],
    [
      'a URL in both once, as its titled link, after the annotation',
      {
        annotations: {
          'firebreak.dev/runbooks': 'https://r.example/a,https://r.example/z',
        },
        links: [{ url: 'https://r.example/a', title: 'A', type: 'runbook' }],
      },
      [
        'annotation https://r.example/z r.example/z',
        'link https://r.example/a A',
      ],
    ],
  ])('%s', (_, metadata, expected) => {
    expect(
      catalogRunbooksOf(entityWith(metadata)).map(
        r => `${r.source} ${r.url} ${r.title}`,
      ),
    ).toEqual(expected);
  });
});

describe('numberSteps', () => {
  it.each([
    [
      'numbers new steps from the next free number',
      [{}, {}],
      1,
      ['s1', 's2'],
      3,
    ],
    [
      'keeps the ids of kept steps, in their new order',
      [{ id: 's2' }, {}, { id: 's1' }],
      3,
      ['s2', 's3', 's1'],
      4,
    ],
    [
      'never hands out a number at or below one already used',
      [{}, { id: 's9' }],
      4,
      ['s10', 's9'],
      11,
    ],
    ['an empty checklist keeps the counter', [], 5, [], 5],
  ])('%s', (_, steps, next, ids, nextAfter) => {
    const numbered = numberSteps(
      steps.map((s, i) => ({ ...s, title: `step ${i}` })),
      next,
    );
    expect(numbered.steps.map(s => s.id)).toEqual(ids);
    expect(numbered.nextNumber).toBe(nextAfter);
  });
});
