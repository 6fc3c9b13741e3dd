import { APIRequestContext, expect, Page, test } from '@playwright/test';

const backend = 'http://localhost:7007';

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible({ timeout: 120_000 });
  await enter.click();
  await expect(page.getByRole('link', { name: 'Catalog' })).toBeVisible();
}

/** The signed-in guest's Backstage token, as the app gets it. */
async function tokenOf(request: APIRequestContext) {
  const response = await request.get(
    `${backend}/api/auth/guest/refresh?optional=&env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token as string;
}

test('declare a SEV1, the on-call person is notified, acknowledges, and the incident shows who acknowledged', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);

  // Alice covers the Payments rotation for the next hour, so she is the one paged.
  const headers = { Authorization: `Bearer ${await tokenOf(page.request)}` };
  const schedules = await page.request.get(
    `${backend}/api/firebreak/schedules?ownerRef=${encodeURIComponent(
      'group:default/payments',
    )}`,
    { headers },
  );
  expect(schedules.ok()).toBe(true);
  const primary = (await schedules.json()).items.find(
    (s: { name: string }) => s.name === 'Payments primary',
  );
  const now = Date.now();
  const override = await page.request.post(
    `${backend}/api/firebreak/schedules/${primary.id}/overrides`,
    {
      headers,
      data: {
        userRef: 'user:default/alice.nguyen',
        start: new Date(now - 60_000).toISOString(),
        end: new Date(now + 3_600_000).toISOString(),
      },
    },
  );
  expect(override.status()).toBe(201);

  // Declare a SEV1 on the Payments API.
  await page.goto('/catalog/default/component/payments-api/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const title = `Card payments failing ${now}`;
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Severity').click();
  await page.getByRole('option', { name: /SEV1/ }).click();
  await page.getByRole('button', { name: 'Declare', exact: true }).click();
  await expect(page).toHaveURL(/\/firebreak\/incidents\/INC-\d+$/);
  const ref = /INC-\d+$/.exec(page.url())![0];

  // The page reaches Alice as a Backstage notification.
  await page.goto('/notifications');
  const notification = page.getByText(`Paged: ${ref} SEV1 — ${title}`);
  await expect(async () => {
    await page.reload();
    await expect(notification).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });

  // From the notification to the incident, where she acknowledges.
  await notification.click();
  await expect(page).toHaveURL(new RegExp(`/firebreak/incidents/${ref}$`));
  await expect(page.getByText('You are being paged')).toBeVisible();
  await page
    .getByRole('button', { name: 'Acknowledge', exact: true })
    .first()
    .click();

  // The incident says who acknowledged, and the timeline records it.
  await expect(
    page.getByText(/Acknowledged by\s*Alice Nguyen/).first(),
  ).toBeVisible();
  await expect(page.getByText('You are being paged')).toHaveCount(0);
});
