#!/usr/bin/env node
// The browser half of scripts/verify-install.sh: in a freshly created app with Firebreak installed
// from its README, a person opens a component of the template's example catalog, sees the
// "Incidents" tab and the on-call card, declares an incident from the tab, finds it in the
// entity's incidents, and opens the /firebreak page. Screenshots of each go to the results folder.
//
//   node browser-check.mjs <app url> <results folder> <flavour>
//
// Each step prints one line; the first that fails prints what the page showed and exits 1.
/* eslint-disable no-console */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, results, flavour] = process.argv.slice(2);
if (!baseUrl || !results || !flavour) {
  console.error(
    'usage: browser-check.mjs <app url> <results folder> <flavour>',
  );
  process.exit(2);
}
mkdirSync(results, { recursive: true });

// The template's example catalog: a website owned by the group "guests", of which the guest
// user is a member.
const entityPath = '/catalog/default/component/example-website';
// The first load compiles and evaluates a development bundle of tens of megabytes; on two busy
// CPUs that takes up to a couple of minutes. Steps inside the loaded app are quick.
const firstLoadTimeout = 180_000;
const stepTimeout = 30_000;
const title = `verify-install ${flavour} ${new Date().toISOString()}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.setDefaultTimeout(stepTimeout);
const pageErrors = [];
page.on('pageerror', error => pageErrors.push(String(error)));

async function step(name, action) {
  const started = Date.now();
  try {
    await action();
  } catch (error) {
    const shot = join(results, `${flavour}-failed.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    console.error(`browser: ${name} FAILED: ${error.message}`);
    console.error(`browser: at ${page.url()}; screenshot ${shot}; page text:`);
    console.error(text.slice(0, 3000));
    if (pageErrors.length)
      console.error(`browser: page errors:\n${pageErrors.join('\n')}`);
    await browser.close();
    process.exit(1);
  }
  console.log(
    `browser: ${name} ... ok (${Math.round((Date.now() - started) / 1000)}s)`,
  );
}

const visible = (locator, timeout = stepTimeout) =>
  locator.first().waitFor({ state: 'visible', timeout });

/** Opens a path through the app's router, without loading the bundle again. */
async function openInApp(path) {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/**
 * The entity page's "Incidents" tab: a tab in the legacy app's header, a link to the tab's path
 * in the new frontend system's (the legacy app's sidebar has an "Incidents" link too: /firebreak).
 */
const incidentsTab = page
  .getByRole('tab', { name: 'Incidents' })
  .or(page.locator(`a[href$="${entityPath}/incidents"]`))
  .first();

await step('sign in as guest and open example-website', async () => {
  await page.goto(baseUrl + entityPath, { timeout: firstLoadTimeout });
  const enter = page.getByRole('button', { name: 'Enter' });
  // The legacy template shows a guest sign-in page first; the new one signs in by itself.
  await visible(enter.or(incidentsTab), firstLoadTimeout);
  if (await enter.isVisible()) await enter.click();
  await visible(incidentsTab, firstLoadTimeout);
});

await step(
  'overview shows the Active incidents and On call cards',
  async () => {
    await visible(page.getByText('Active incidents', { exact: true }));
    await visible(page.getByText('On call', { exact: true }));
    // Both cards have had the backend's answer: nothing open yet (the template's database is in
    // memory), and the owner group "guests" has no escalation policy yet.
    await visible(page.getByText('No active incidents on example-website'));
    await visible(
      page.getByText(/Nobody is paged when example-website breaks/),
    );
    await page.screenshot({
      path: join(results, `${flavour}-overview.png`),
      fullPage: true,
    });
  },
);

await step('declare an incident from the Incidents tab', async () => {
  await incidentsTab.click();
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Severity').click();
  await page.getByRole('option', { name: /SEV2/ }).click();
  await page.screenshot({ path: join(results, `${flavour}-declare.png`) });
  await page.getByRole('button', { name: 'Declare', exact: true }).click();
  // Declaring opens the new incident's page.
  await visible(page.getByRole('heading', { name: new RegExp(title) }));
  await page.screenshot({
    path: join(results, `${flavour}-incident.png`),
    fullPage: true,
  });
});

await step("the incident is in the entity's incidents", async () => {
  await openInApp(`${entityPath}/incidents`);
  await visible(page.getByRole('row').filter({ hasText: title }));
  await page.screenshot({
    path: join(results, `${flavour}-entity-incidents.png`),
    fullPage: true,
  });
});

await step('the /firebreak page lists it', async () => {
  await openInApp('/firebreak');
  await visible(page.getByRole('heading', { name: 'Incidents', exact: true }));
  await visible(page.getByRole('row').filter({ hasText: title }));
  await page.screenshot({
    path: join(results, `${flavour}-firebreak.png`),
    fullPage: true,
  });
});

// Errors the journey survived are worth a look, but they are not Firebreak failing to install.
if (pageErrors.length) {
  console.log(
    `browser: uncaught errors in the page (warning):\n${pageErrors.join('\n')}`,
  );
}
await browser.close();
