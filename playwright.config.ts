import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The end-to-end tests run the example portal (frontend dev server + backend) on its own
// SQLite files, so they never touch the data of a portal someone runs with `yarn start`.
const e2eDataDirectory = '../../.data/e2e-sqlite';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
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
