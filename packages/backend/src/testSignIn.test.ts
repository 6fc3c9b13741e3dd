import { testUserAuthenticator, TEST_USER_HEADER } from './testSignIn';

const requestNaming = (user?: string) =>
  ({
    header: (name: string) =>
      name.toLowerCase() === TEST_USER_HEADER ? user : undefined,
  } as any);

describe('the e2e sign-in', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('signs in as the user the header names, in development', async () => {
    process.env.NODE_ENV = 'development';
    await expect(
      testUserAuthenticator.authenticate(
        { req: requestNaming('bruno.costa') },
        undefined,
      ),
    ).resolves.toEqual({ result: { userRef: 'user:default/bruno.costa' } });
  });

  it('refuses a missing or malformed user name', async () => {
    process.env.NODE_ENV = 'development';
    for (const user of [undefined, '', 'user:default/bruno', '../admin']) {
      await expect(
        testUserAuthenticator.authenticate(
          { req: requestNaming(user) },
          undefined,
        ),
      ).rejects.toThrow(/x-firebreak-test-user: must name a user/);
    }
  });

  it('refuses outside development, whatever the configuration', async () => {
    for (const env of ['production', 'test']) {
      process.env.NODE_ENV = env;
      await expect(
        testUserAuthenticator.authenticate(
          { req: requestNaming('bruno.costa') },
          undefined,
        ),
      ).rejects.toThrow(/only in a development environment/);
    }
  });
});
