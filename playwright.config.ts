import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The end-to-end tests run the example portal (frontend dev server + backend) on its own
// SQLite files, so they never touch the data of a portal someone runs with `yarn start`.
const e2eDataDirectory = '../../.data/e2e-sqlite';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // Budgets for a machine whose CPUs are busy with other work: there, a journey's one load of
  // the development bundle takes up to 100 s, and a step inside the app (a lazily loaded page,
  // a dialog, a table) up to 30 s. Every wait ends as soon as its condition holds.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  // A journey that fails now and then is a defect to fix, never one to retry.
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: '.test-results/playwright.json' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: [
    {
      command: 'yarn start backend',
      url: 'http://localhost:7007/api/firebreak/health',
      env: {
        APP_CONFIG_backend_database_connection_directory: e2eDataDirectory,
        // The journeys' second person (a reviewer) signs in through the e2e-only provider
        // (packages/backend/src/testSignIn.ts); no other backend configures it.
        APP_CONFIG_auth_providers_e2e: '{}',
      },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn start app',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
