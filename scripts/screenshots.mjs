#!/usr/bin/env node
// Screenshots of the main Firebreak pages of a running portal (yarn start), to look at them as
// users will: node scripts/screenshots.mjs [output folder, default .screenshots]
/* eslint-disable no-console */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const out = process.argv[2] ?? '.screenshots';
const baseUrl = process.env.PORTAL_URL ?? 'http://localhost:3000';
// An incident that pages the signed-in user (Alice): declare a SEV1 on payments-api while she is
// on call for Payments (the demo's first declared incident is INC-37).
const pagedIncident = process.env.PAGED_INCIDENT ?? 'INC-37';
const pages = [
  ['home', '/'],
  ['firebreak', '/firebreak'],
  ['component-incidents', '/catalog/default/component/payments-api/incidents'],
  [
    'component-no-incidents',
    '/catalog/default/component/search-service/incidents',
  ],
  ['incident', '/firebreak/incidents/INC-36'],
  ['component-overview', '/catalog/default/component/payments-api'],
  ['api-overview-no-incidents', '/catalog/default/api/cart-api'],
  ['system-incidents', '/catalog/default/system/payments/incidents'],
  ['group-incidents', '/catalog/default/group/payments/incidents'],
  ['group-overview', '/catalog/default/group/payments'],
  [
    'component-incidents-filtered',
    '/catalog/default/component/payments-api/incidents?severity=SEV1&from=2020-01-01&to=2020-01-31',
  ],
  ['incident-resolved', '/firebreak/incidents/INC-1'],
  ['incident-paged', `/firebreak/incidents/${pagedIncident}`],
  ['group-overview-no-policy', '/catalog/default/group/northwind'],
  ['user-profile-own', '/catalog/default/user/alice.nguyen'],
  ['user-profile-other', '/catalog/default/user/bruno.costa'],
  ['system-overview', '/catalog/default/system/payments'],
  // Postmortems of the demo: published (closed SEV1), overdue draft (resolved SEV2), in review.
  ['postmortem-published', '/firebreak/incidents/INC-31/postmortem'],
  ['postmortem-overdue-draft', '/firebreak/incidents/INC-33/postmortem'],
  // In review, and also covering an earlier occurrence of the same problem.
  ['postmortem-in-review', '/firebreak/incidents/INC-32/postmortem'],
  [
    'postmortem-in-review-covers',
    '/firebreak/incidents/INC-32/postmortem',
    async page => {
      await page
        .getByRole('list', { name: 'Also covers' })
        .scrollIntoViewIfNeeded();
    },
  ],
  // An open SEV3 of the ledger, whose stored runbook is kept for SEV1 and SEV2 only.
  ['incident-no-runbook-at-severity', '/firebreak/incidents/INC-34'],
  ['follow-ups', '/firebreak/follow-ups'],
  ['component-runbooks', '/catalog/default/component/ledger-service/incidents'],
  // Pages with something opened, as people see them mid-task: [name, path, what to do].
  [
    'incident-runbook-open',
    // A payments incident: payments-api has a stored runbook with a checklist for every severity.
    '/firebreak/incidents/INC-36',
    async page => {
      await page
        .getByRole('button', { name: /steps · v/ })
        .first()
        .click();
      await page.getByRole('checkbox').first().waitFor();
    },
  ],
  [
    'postmortem-add-action-item',
    '/firebreak/incidents/INC-31/postmortem',
    async page => {
      await page.getByRole('button', { name: 'Add action item' }).click();
      await page.getByRole('dialog').waitFor();
    },
  ],
  [
    'runbook-editor',
    '/catalog/default/component/ledger-service/incidents',
    async page => {
      await page.getByRole('button', { name: 'New runbook' }).click();
      await page.getByRole('dialog').waitFor();
    },
  ],
  [
    'declare-dialog',
    '/catalog/default/component/payments-api/incidents',
    async page => {
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.getByRole('dialog').waitFor();
    },
  ],
  [
    'declare-dialog-filled',
    '/catalog/default/component/payments-api/incidents',
    async page => {
      await page.getByRole('button', { name: 'Declare incident' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Title').fill('Card payments time out');
      await dialog.getByLabel('Severity').click();
      await page.getByRole('option', { name: /SEV2/ }).click();
      await dialog.getByLabel('Impacted entities').fill('pay');
      await page.getByRole('option').first().waitFor();
    },
  ],
  [
    'incident-severity-menu',
    '/firebreak/incidents/INC-36',
    async page => {
      await page.getByLabel('Severity').click();
      await page.getByRole('option').first().waitFor();
    },
  ],
  [
    'incident-edit-times',
    '/firebreak/incidents/INC-36',
    async page => {
      await page.getByRole('button', { name: 'Edit times' }).click();
      await page.getByRole('dialog', { name: 'Edit times' }).waitFor();
    },
  ],
  [
    'incident-assign-role',
    '/firebreak/incidents/INC-36',
    async page => {
      await page
        .getByRole('button', { name: /^(Assign|Change) Scribe$/ })
        .click();
      await page.keyboard.type('b');
      await page.getByRole('option').first().waitFor();
    },
  ],
  // On-call: schedules and policies have generated ids, so open them from the overview.
  ['oncall', '/firebreak/oncall'],
  [
    'schedule',
    '/firebreak/oncall',
    async page => {
      await page.getByRole('link', { name: 'Payments primary' }).click();
      await page.getByRole('list', { name: 'Final' }).waitFor();
    },
  ],
  [
    'schedule-layers-4-weeks',
    '/firebreak/oncall',
    async page => {
      await page.getByRole('link', { name: 'Storefront on-call' }).click();
      await page.getByRole('button', { name: '4 weeks' }).click();
      await page.getByRole('list', { name: 'Final' }).waitFor();
    },
  ],
  [
    'schedule-overrides',
    '/firebreak/oncall',
    async page => {
      await page.getByRole('link', { name: 'Payments primary' }).click();
      await page.getByRole('button', { name: "I'll cover" }).click();
      await page.getByText('Add an override').scrollIntoViewIfNeeded();
    },
  ],
  [
    'schedule-editor',
    '/firebreak/oncall',
    async page => {
      await page.getByRole('link', { name: 'Payments primary' }).click();
      await page.getByRole('button', { name: 'Edit schedule' }).click();
      await page.getByText('Preview: the next 2 weeks').waitFor();
    },
  ],
  [
    'schedule-editor-layer-2',
    '/firebreak/oncall',
    async page => {
      // Another team's schedule: the form is shown, saving is not offered.
      await page.getByRole('link', { name: 'Storefront on-call' }).click();
      await page.getByRole('heading', { name: 'Storefront on-call' }).waitFor();
      await page.goto(`${page.url()}/edit`);
      const layer2 = page.getByRole('group', { name: 'Layer 2' });
      await layer2
        .getByLabel('Layer 2 window 1: until')
        .scrollIntoViewIfNeeded();
    },
  ],
  [
    'schedule-editor-new',
    '/firebreak/oncall/schedules/new',
    async page => {
      await page.getByLabel('Name', { exact: true }).fill('Payments nights');
      await page.getByLabel('Add a person to Layer 1').fill('bru');
      await page.getByRole('option', { name: /Bruno/ }).click();
      await page.getByRole('button', { name: 'Add a window' }).click();
      await page.getByLabel('Layer 1 window 1: from').fill('17:00');
      await page.getByLabel('Layer 1 window 1: until').fill('09:00');
    },
  ],
  [
    'policy',
    '/firebreak/oncall',
    async page => {
      await page.getByRole('link', { name: 'Storefront default' }).click();
      await page.getByText('Who is paged, in order').waitFor();
    },
  ],
  [
    'policy-editor',
    '/firebreak/oncall',
    async page => {
      await page.getByRole('link', { name: 'Payments default' }).click();
      await page.getByRole('button', { name: 'Edit policy' }).click();
      await page.getByText('Would page now').first().waitFor();
    },
  ],
  [
    'home-calendar-feed',
    '/',
    async page => {
      await page
        .getByRole('button', { name: 'Subscribe in your calendar' })
        .click();
      await page.getByLabel('Your on-call calendar (iCal)').waitFor();
    },
  ],
  // Last: acknowledging changes the incident for the screenshots after it.
  [
    'incident-acknowledged',
    `/firebreak/incidents/${pagedIncident}`,
    async page => {
      await page
        .getByRole('alert')
        .getByRole('button', { name: 'Acknowledge' })
        .click();
      await page.getByText(/^by .* after /).waitFor();
    },
  ],
];

/**
 * Waits until the page shows content: a heading in its main area and no progress indicator
 * (lazily loaded pages and cards show one while they load; "network idle" comes before that
 * on a busy machine).
 */
async function waitForContent(page) {
  const ready = () =>
    page.evaluate(
      () =>
        !!document.querySelector('main h1, main h2') &&
        !document.querySelector('[role="progressbar"]'),
    );
  // Backstage shows its progress bar only after 250 ms: ready twice, a second apart.
  const deadline = Date.now() + 120_000;
  let streak = 0;
  while (streak < 2 && Date.now() < deadline) {
    streak = (await ready()) ? streak + 1 : 0;
    await page.waitForTimeout(1000);
  }
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
  ],
});
// The sizes to look at: a laptop and a small screen. SIZES=1280x800 takes one.
const sizes = (process.env.SIZES ?? '1280x800,1024x768')
  .split(',')
  .map(size => size.split('x').map(Number));
const page = await browser.newPage({
  viewport: { width: sizes[0][0], height: sizes[0][1] },
});
await page.goto(baseUrl);
await page.getByRole('button', { name: 'Enter' }).click();
await page.getByRole('link', { name: 'Catalog' }).waitFor();
// ONLY=home,incident-paged takes just those screenshots.
const only = process.env.ONLY?.split(',');
for (const [width, height] of sizes) {
  await page.setViewportSize({ width, height });
  for (const [name, path, act] of pages.filter(
    ([name]) => !only || only.includes(name),
  )) {
    await page.goto(`${baseUrl}${path}`);
    await waitForContent(page);
    if (act) {
      await act(page);
      await page.waitForTimeout(1000);
    }
    const file = `${out}/${name}-${width}.png`;
    await page.screenshot({ path: file });
    console.log(file);
  }
}
await browser.close();
