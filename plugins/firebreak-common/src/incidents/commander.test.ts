import { chooseCommander, COMMANDER_RULE_EXAMPLES } from './commander';

const people = {
  declarer: 'user:default/alice.nguyen',
  firstPaged: 'user:default/farah.haddad',
  someoneElse: 'user:default/bob',
};

describe('chooseCommander', () => {
  it.each(COMMANDER_RULE_EXAMPLES.map(e => [e.name, e]))('%s', (_, example) => {
    const choice = chooseCommander({
      requested: example.requested && people[example.requested],
      declarer:
        example.declarer === 'user'
          ? { type: 'user', userRef: people.declarer }
          : { type: 'service' },
      firstPaged: example.someoneOnCall ? people.firstPaged : undefined,
    });
    // Who the choice is, in the table's words.
    const outcome = choice.problem?.startsWith('commanderRef: ')
      ? 'refused'
      : Object.entries(people).find(
          ([, ref]) => ref === choice.commanderRef,
        )?.[0];
    expect(outcome).toBe(example.expected);
  });

  it.each([
    [{ requested: 'User:Default/Alice.Nguyen' }, 'declarer'],
    [{}, 'first_paged'],
    [{ requested: 'user:default/farah.haddad' }, 'first_paged'],
  ])('compares refs without case and says why: %j', (input, reason) => {
    const choice = chooseCommander({
      ...input,
      declarer: { type: 'user', userRef: people.declarer },
      firstPaged: people.firstPaged,
    });
    expect(choice.reason).toBe(reason);
  });

  it('names whom a service names, with the reason', () => {
    expect(
      chooseCommander({
        requested: 'User:default/Bob',
        declarer: { type: 'service' },
      }),
    ).toEqual({ commanderRef: 'user:default/bob', reason: 'named' });
  });

  it('explains what a person may do instead of naming a third person', () => {
    expect(
      chooseCommander({
        requested: people.someoneElse,
        declarer: { type: 'user', userRef: people.declarer },
        firstPaged: people.firstPaged,
      }).problem,
    ).toMatch(/take command yourself or leave it to the first person paged/);
  });
});
