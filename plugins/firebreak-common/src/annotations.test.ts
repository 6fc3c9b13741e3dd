import { Entity } from '@backstage/catalog-model';
import { isFirebreakAvailable } from './annotations';

function entity(kind: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
  };
}

describe('isFirebreakAvailable', () => {
  it.each([
    ['Component', undefined, true],
    ['System', undefined, true],
    ['API', undefined, true],
    ['Resource', undefined, true],
    ['Group', undefined, true],
    ['User', undefined, false],
    ['Location', undefined, false],
    ['Component', { 'firebreak.dev/enabled': 'false' }, false],
    ['Component', { 'firebreak.dev/enabled': 'true' }, true],
    ['System', { 'firebreak.dev/enabled': 'false' }, false],
    ['Group', { 'firebreak.dev/enabled': 'false' }, false],
  ])('%s with %j → %s', (kind, annotations, expected) => {
    expect(isFirebreakAvailable(entity(kind, annotations))).toBe(expected);
  });
});
