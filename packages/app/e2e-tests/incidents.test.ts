import { expect, Page, test } from '@playwright/test';

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible({ timeout: 120_000 });
  await enter.click();
  // Signed in once the app shell replaces the sign-in page.
  await expect(page.getByRole('link', { name: 'Catalog' })).toBeVisible();
}

test('a component page shows its incidents from the backend', async ({
  page,
}) => {
  // The first test also waits for the dev server's first build and the catalog's first
  // ingestion of the example entities.
  test.setTimeout(240_000);
  await signIn(page);

  // The catalog ingests the example entities shortly after the backend starts.
  await expect(async () => {
    await page.goto('/catalog/default/component/payments-api');
    await expect(page.getByRole('tab', { name: 'Incidents' })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  // The overview renders without a broken card.
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.getByText(/^Error/)).toHaveCount(0);

  await page.getByRole('tab', { name: 'Incidents' }).click();
  await expect(page).toHaveURL(/\/payments-api\/incidents$/);

  // Incidents the backend seeded for this component, newest first.
  const table = page.getByRole('table');
  await expect(table.getByText('Elevated 5xx from payments API')).toBeVisible();
  await expect(
    table.getByText('Card payments declined for EU customers'),
  ).toBeVisible();
  // And nothing of other services.
  await expect(table.getByText('Checkout page slow on mobile')).toHaveCount(0);
});

test('the Firebreak page lists incidents across the organisation', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/firebreak');
  await expect(
    page.getByRole('heading', { name: 'Incidents', exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Checkout page slow on mobile')).toBeVisible();
  await expect(page.getByText('Elevated 5xx from payments API')).toBeVisible();
});
