import { expect, test } from '@playwright/test';
import { backend, guestHeaders, openInApp, signIn, signInAs } from './portal';

test('a SEV2 from resolution to a published postmortem, a closed incident and a follow-up done', async ({
  page,
  browser,
}) => {
  // Two full loads of the app (one per person) on a busy machine.
  test.setTimeout(600_000);
  await signIn(page);

  // A SEV2 on a service of Alice's team (Payments), declared as Alice.
  const title = `Ledger drift ${Date.now()}`;
  const declared = await page.request.post(
    `${backend}/api/firebreak/incidents`,
    {
      headers: await guestHeaders(page),
      data: {
        title,
        severity: 'SEV2',
        entityRefs: ['component:default/ledger-service'],
      },
    },
  );
  expect(declared.status()).toBe(201);
  const { ref } = await declared.json();

  // Resolve it on its page: a SEV2 requires a postmortem, so resolving starts one.
  await openInApp(page, `/firebreak/incidents/${ref}`);
  await expect(
    page.getByRole('heading', { name: new RegExp(title) }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Status', exact: true }).click();
  await page.getByRole('option', { name: 'resolved' }).click();
  await expect(page.getByText(/Status: \w+ → resolved/)).toBeVisible();
  await expect(
    page.getByText(
      'Required: the incident closes once it is published or waived.',
    ),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Open the postmortem' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/firebreak/incidents/${ref}/postmortem$`),
  );

  // Write two sections.
  const summary = 'Ledger totals drifted after the 14:02 deploy; rolled back.';
  await page.getByRole('button', { name: 'Edit Summary' }).click();
  await page.getByRole('textbox', { name: 'Summary (Markdown)' }).fill(summary);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(summary)).toBeVisible();
  const impact = 'Reports for 312 merchants showed wrong balances for 40 min.';
  await page.getByRole('button', { name: 'Edit Impact' }).click();
  await page.getByRole('textbox', { name: 'Impact (Markdown)' }).fill(impact);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(impact)).toBeVisible();

  // Star the first two events of the incident's timeline.
  for (const index of [0, 1]) {
    const star = page.getByRole('button', { name: /^Star event at / }).first();
    await star.click();
    await expect(
      page.getByRole('button', { name: /^Unstar event at / }),
    ).toHaveCount(index + 1);
  }

  // An action item owned by the team.
  const followUp = `Alert on ledger drift ${Date.now()}`;
  await page.getByRole('button', { name: 'Add action item' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Title' }).fill(followUp);
  await dialog.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Detect' }).click();
  const owner = dialog.getByRole('textbox', { name: 'Owner' });
  await owner.fill('Payments');
  await page
    .getByRole('option', { name: /Payments/ })
    .first()
    .click();
  await dialog.getByRole('button', { name: 'Add action item' }).click();
  await expect(dialog).toBeHidden();
  const items = page.getByRole('table', { name: 'Follow-ups' });
  await expect(items.getByText(followUp)).toBeVisible();

  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(
    page.getByRole('button', { name: 'Back to draft' }),
  ).toBeEnabled();
  // It needs an approval before it can be published.
  await expect(
    page.getByText(
      'Publishing needs 1 more approval by someone other than the owner.',
    ),
  ).toBeVisible();

  // Bruno, of the same team, reviews it in his own browser: approves and publishes.
  const reviewerContext = await browser.newContext();
  try {
    const reviewer = await reviewerContext.newPage();
    await signInAs(reviewer, 'bruno.costa');
    await openInApp(reviewer, `/firebreak/incidents/${ref}/postmortem`);
    await expect(reviewer.getByText(summary)).toBeVisible();
    await reviewer.getByRole('button', { name: 'Approve' }).click();
    await expect(
      reviewer.getByRole('button', { name: 'Publish' }),
    ).toBeEnabled();
    await reviewer.getByRole('button', { name: 'Publish' }).click();
    await expect(
      reviewer.getByRole('button', { name: 'Reopen' }),
    ).toBeVisible();
  } finally {
    await reviewerContext.close();
  }

  // Alice's page follows live: published, and read-only.
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Edit Summary' }),
  ).toBeDisabled();

  // With its postmortem published, the incident closes.
  await openInApp(page, `/firebreak/incidents/${ref}`);
  await page.getByRole('button', { name: 'Status', exact: true }).click();
  await page.getByRole('option', { name: 'closed' }).click();
  await expect(page.getByText('Status: resolved → closed')).toBeVisible();

  // The follow-up is on the team's page, in what the team owes; mark it done there.
  await openInApp(page, '/catalog/default/group/payments');
  await expect(page.getByText('What we owe', { exact: true })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: followUp });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Status of ${followUp}` }).click();
  await page.getByRole('option', { name: 'Done' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Mark done' })
    .click();

  // Done, on the record: the backend lists it as done for the team.
  const done = await page.request.get(
    `${backend}/api/firebreak/action-items?ownerRef=group:default/payments&status=done`,
    { headers: await guestHeaders(page) },
  );
  expect(done.status()).toBe(200);
  const { items: doneItems } = await done.json();
  expect(
    doneItems.filter((item: { title: string }) => item.title === followUp),
  ).toHaveLength(1);
});
