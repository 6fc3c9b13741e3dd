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
    ['System', undefined, false],
    ['API', undefined, true],
    ['Resource', undefined, true],
    ['Group', undefined, false],
    ['User', undefined, false],
    ['Location', undefined, false],
    ['Component', { 'firebreak.dev/enabled': 'false' }, false],
    ['Component', { 'firebreak.dev/enabled': 'true' }, true],
  ])('%s with %j → %s', (kind, annotations, expected) => {
    expect(isFirebreakAvailable(entity(kind, annotations))).toBe(expected);
  });
});
