import { expect, test } from '@playwright/test';
import { backend, guestHeaders, openInApp, signIn } from './portal';

test('a component page shows its incidents from the backend', async ({
  page,
}) => {
  // The first test also waits for the dev server's first build and the catalog's first
  // ingestion of the example entities.
  test.setTimeout(420_000);
  await signIn(page);

  // The catalog ingests the example entities shortly after the backend starts: wait until it
  // serves this one, then open its page once.
  const headers = await guestHeaders(page);
  await expect
    .poll(
      async () =>
        (
          await page.request.get(
            `${backend}/api/catalog/entities/by-name/component/default/payments-api`,
            { headers },
          )
        ).status(),
      { timeout: 120_000, intervals: [1_000] },
    )
    .toBe(200);
  await openInApp(page, '/catalog/default/component/payments-api');
  await expect(page.getByRole('tab', { name: 'Incidents' })).toBeVisible();
  // The overview renders without a broken card.
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.getByText(/^Error/)).toHaveCount(0);

  await page.getByRole('tab', { name: 'Incidents' }).click();
  await expect(page).toHaveURL(/\/payments-api\/incidents$/);

  // Incidents the backend seeded for this component.
  const tables = page.getByRole('table');
  await expect(
    tables.getByText('Elevated 5xx from payments API').first(),
  ).toBeVisible();
  await expect(
    tables.getByText('Card payments declined for EU customers').first(),
  ).toBeVisible();
  // And nothing of other services.
  await expect(tables.getByText('Checkout page slow on mobile')).toHaveCount(0);
});

test('the Firebreak page lists incidents across the organisation', async ({
  page,
}) => {
  await signIn(page);
  await openInApp(page, '/firebreak');
  await expect(
    page.getByRole('heading', { name: 'Incidents', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByText('Checkout page slow on mobile').first(),
  ).toBeVisible();
  await expect(
    page.getByText('Elevated 5xx from payments API').first(),
  ).toBeVisible();
});

test('declare a SEV2 on a component, post an update, resolve it, find it in the history', async ({
  page,
}) => {
  await signIn(page);
  // A service of Alice's own team: its owners may run its incidents whoever is paged.
  await openInApp(page, '/catalog/default/component/ledger-service/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();

  const title = `Ledger totals missing ${Date.now()}`;
  // In the dialog: the history's filters behind it have a "Severity" field too.
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Severity').click();
  await page.getByRole('option', { name: /SEV2/ }).click();
  await expect(page.getByText('Priority: P2')).toBeVisible();
  await page.getByRole('button', { name: 'Declare', exact: true }).click();

  // The incident page of the new incident.
  await expect(page).toHaveURL(/\/firebreak\/incidents\/INC-\d+$/);
  await expect(
    page.getByRole('heading', { name: new RegExp(title) }),
  ).toBeVisible();

  await page
    .getByRole('textbox', { name: 'Status update' })
    .fill('Totals are missing for some accounts; rolling back.');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(
    page.getByText(
      'Status update (internal): Totals are missing for some accounts; rolling back.',
    ),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Status', exact: true }).click();
  await page.getByRole('option', { name: 'resolved' }).click();
  await expect(
    page.getByText('Status: investigating → resolved'),
  ).toBeVisible();

  await openInApp(page, '/catalog/default/component/ledger-service/incidents');
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByText('resolved')).toBeVisible();
  // Resolved, it has left the active incidents: the history holds its only row.
  await expect(row).toHaveCount(1);
});
