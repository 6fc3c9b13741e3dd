/**
 * Who declares an incident: a person, or a service principal such as an alert integration.
 *
 * @public
 */
export type Declarer = { type: 'user'; userRef: string } | { type: 'service' };

/**
 * Why the commander chosen at declare time is who it is.
 *
 * - `declarer`: the declarer took command themselves, or nobody is on call to page;
 * - `first_paged`: the first person the incident pages leads, as the practice says;
 * - `named`: a service named the commander (integrations may name anyone).
 *
 * @public
 */
export type CommanderReason = 'declarer' | 'first_paged' | 'named';

/**
 * The outcome of {@link chooseCommander}: a commander with the reason, or a problem that names
 * the `commanderRef` field.
 *
 * @public
 */
export type CommanderChoice =
  | { commanderRef: string; reason: CommanderReason; problem?: undefined }
  | { problem: string; commanderRef?: undefined; reason?: undefined };

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The commander rule at declare time, shared by the backend's declare and the declare dialog:
 * a person may take command themselves or leave the default, which is the first person paged,
 * else the declarer. Naming anyone else is for services (integrations) only; a person hands
 * command over on the incident once it exists.
 *
 * @public
 */
export function chooseCommander(input: {
  /** The `commanderRef` the declarer asked for, if any. */
  requested?: string;
  declarer: Declarer;
  /** The first person the declare pages, if anyone is on call. */
  firstPaged?: string;
}): CommanderChoice {
  const { requested, declarer, firstPaged } = input;
  if (requested) {
    if (declarer.type === 'service') {
      return { commanderRef: lower(requested), reason: 'named' };
    }
    if (lower(requested) === lower(declarer.userRef)) {
      return { commanderRef: lower(declarer.userRef), reason: 'declarer' };
    }
    if (firstPaged && lower(requested) === lower(firstPaged)) {
      return { commanderRef: lower(firstPaged), reason: 'first_paged' };
    }
    return {
      problem:
        'commanderRef: take command yourself or leave it to the first person paged; hand command to someone else on the incident once it is declared',
    };
  }
  if (firstPaged) {
    return { commanderRef: lower(firstPaged), reason: 'first_paged' };
  }
  if (declarer.type === 'user') {
    return { commanderRef: lower(declarer.userRef), reason: 'declarer' };
  }
  return {
    problem:
      'commanderRef: required when a service declares an incident and nobody is on call',
  };
}

/**
 * A worked example of {@link chooseCommander} in placeholders — `declarer`, `firstPaged` and
 * `someoneElse` stand for people — so that the backend's declare and the declare dialog are
 * tested against the very same cases.
 *
 * @public
 */
export interface CommanderRuleExample {
  name: string;
  declarer: 'user' | 'service';
  requested?: 'declarer' | 'firstPaged' | 'someoneElse';
  /** Whether anyone is on call to page. */
  someoneOnCall: boolean;
  /** The commander, or that the declare is refused. */
  expected: 'declarer' | 'firstPaged' | 'someoneElse' | 'refused';
}

/**
 * The cases of the commander rule, for documentation and for tests on every side.
 *
 * @public
 */
export const COMMANDER_RULE_EXAMPLES: readonly CommanderRuleExample[] = [
  {
    name: 'a person leaves the default and someone is on call: the first paged leads',
    declarer: 'user',
    someoneOnCall: true,
    expected: 'firstPaged',
  },
  {
    name: 'a person leaves the default and nobody is on call: the declarer leads',
    declarer: 'user',
    someoneOnCall: false,
    expected: 'declarer',
  },
  {
    name: 'a person takes command although someone is on call',
    declarer: 'user',
    requested: 'declarer',
    someoneOnCall: true,
    expected: 'declarer',
  },
  {
    name: 'a person takes command and nobody is on call',
    declarer: 'user',
    requested: 'declarer',
    someoneOnCall: false,
    expected: 'declarer',
  },
  {
    name: 'a person names the first paged, which is the default anyway',
    declarer: 'user',
    requested: 'firstPaged',
    someoneOnCall: true,
    expected: 'firstPaged',
  },
  {
    name: 'a person names a third person',
    declarer: 'user',
    requested: 'someoneElse',
    someoneOnCall: true,
    expected: 'refused',
  },
  {
    name: 'a person names a third person and nobody is on call',
    declarer: 'user',
    requested: 'someoneElse',
    someoneOnCall: false,
    expected: 'refused',
  },
  {
    name: 'a service names anyone',
    declarer: 'service',
    requested: 'someoneElse',
    someoneOnCall: true,
    expected: 'someoneElse',
  },
  {
    name: 'a service leaves the default and someone is on call',
    declarer: 'service',
    someoneOnCall: true,
    expected: 'firstPaged',
  },
  {
    name: 'a service leaves the default and nobody is on call',
    declarer: 'service',
    someoneOnCall: false,
    expected: 'refused',
  },
];
