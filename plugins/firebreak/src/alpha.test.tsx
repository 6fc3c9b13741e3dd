import firebreakPlugin from './alpha';

describe('firebreak plugin for the new frontend system', () => {
  it.each([
    ['api:firebreak', 'api', 'root'],
    ['page:firebreak', 'page', 'app/routes'],
    [
      'entity-content:firebreak/incidents',
      'entity-content',
      'page:catalog/entity',
    ],
    [
      'entity-card:firebreak/active-incidents',
      'entity-card',
      'entity-content:catalog/overview',
    ],
    [
      'entity-card:firebreak/oncall',
      'entity-card',
      'entity-content:catalog/overview',
    ],
    [
      'entity-card:firebreak/user-oncall',
      'entity-card',
      'entity-content:catalog/overview',
    ],
    ['home-page-widget:firebreak/my-oncall', 'home-page-widget', 'page:home'],
  ])('provides %s', (id, kind, parent) => {
    expect(firebreakPlugin.id).toBe('firebreak');
    const extension = firebreakPlugin.getExtension(id as any);
    expect(extension).toMatchObject({
      kind,
      namespace: 'firebreak',
      disabled: false,
      attachTo: { id: parent },
    });
  });
});
