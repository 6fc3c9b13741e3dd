import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * Where Firebreak reads the time, so tests (and later the escalation engine's tests) can set it.
 *
 * @public
 */
export interface FirebreakClock {
  /** The current time. */
  now(): Date;
}

/**
 * The clock Firebreak uses; the default is the system clock.
 *
 * @public
 */
export const firebreakClockServiceRef = createServiceRef<FirebreakClock>({
  id: 'firebreak.clock',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => ({ now: () => new Date() }),
    }),
});
