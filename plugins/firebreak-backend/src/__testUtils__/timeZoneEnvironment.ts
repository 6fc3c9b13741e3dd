/**
 * A Jest environment that runs its test file with the process in another time zone, named by
 * the file's docblock: `@jest-environment-options {"timeZone": "Europe/Berlin"}`.
 *
 * A test cannot do this itself: Jest gives each test file a copy of `process.env`, and setting
 * `TZ` on the copy does not reach Node, which reads its zone again only when the real `TZ`
 * changes. An environment runs outside the sandbox, so it sets the real one, and puts it back
 * when the file is done (a Jest worker runs one file at a time).
 */

// The environment Backstage's CLI runs backend tests in, resolved as the CLI resolves it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TestEnvironment: NodeEnvironment } = require(require.resolve(
  'jest-environment-node',
  { paths: [require.resolve('@backstage/cli/package.json')] },
));

/** @internal */
export default class TimeZoneEnvironment extends NodeEnvironment {
  private readonly timeZone?: string;
  private previousTimeZone?: string;

  constructor(config: any, context: any) {
    super(config, context);
    this.timeZone = config.projectConfig.testEnvironmentOptions?.timeZone;
  }

  async setup() {
    this.previousTimeZone = process.env.TZ;
    if (this.timeZone) {
      process.env.TZ = this.timeZone;
    }
    await super.setup();
  }

  async teardown() {
    await super.teardown();
    if (this.previousTimeZone === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = this.previousTimeZone;
    }
  }
}
