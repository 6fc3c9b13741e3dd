import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { backend, guestHeaders, openInApp, signIn } from './portal';

/**
 * WCAG 2.1 A and AA violations inside `selector` (Firebreak's part of the page; the app
 * shell's sidebar is the host's), as "rule: target" lines.
 */
async function violations(
  page: Page,
  selector = 'main',
  exclude: string[] = [],
) {
  let builder = new AxeBuilder({ page }).include(selector);
  for (const excluded of exclude) builder = builder.exclude(excluded);
  const results = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.flatMap(violation =>
    violation.nodes.map(
      node =>
        `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary}`,
    ),
  );
}

test('postmortem, follow-ups and runbook pages have no WCAG 2.1 AA violations', async ({
  page,
}) => {
  await signIn(page);
  const headers = await guestHeaders(page);
  const api = `${backend}/api/firebreak`;

  // A resolved SEV2 of Alice's team: its postmortem has started, with an action item.
  const declared = await page.request.post(`${api}/incidents`, {
    headers,
    data: {
      title: `Ledger accessibility ${Date.now()}`,
      severity: 'SEV2',
      entityRefs: ['component:default/ledger-service'],
    },
  });
  expect(declared.status()).toBe(201);
  const incident = await declared.json();
  const resolved = await page.request.patch(
    `${api}/incidents/${incident.ref}`,
    {
      headers,
      data: { version: incident.version, status: 'resolved' },
    },
  );
  expect(resolved.status()).toBe(200);
  const item = await page.request.post(`${api}/action-items`, {
    headers,
    data: {
      title: 'Alert on ledger drift',
      description: 'Page when totals drift by **more than 0.1%**.',
      priority: 'P1',
      ownerRef: 'group:default/payments',
      incidentRef: incident.ref,
    },
  });
  expect(item.status()).toBe(201);

  // The postmortem page, and its "Add action item" dialog.
  await openInApp(page, `/firebreak/incidents/${incident.ref}/postmortem`);
  await expect(
    page.getByRole('button', { name: 'Edit Summary' }),
  ).toBeVisible();
  await expect(page.getByText('Alert on ledger drift')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Add action item' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The incident page's runbooks and follow-ups.
  await openInApp(page, `/firebreak/incidents/${incident.ref}`);
  await expect(page.getByText('Alert on ledger drift')).toBeVisible();
  await expect(page.getByText('Ledger falling behind')).toBeVisible();
  // Known exception, not part of these pages' work: the incident's severity and status selects
  // are named "Severity" and "Status" while they show the value; issue 13 reworks both
  // controls (a reason and an undo for each change) and lifts this exclusion.
  expect(
    await violations(page, 'main', [
      'div[aria-label="Severity"]',
      'div[aria-label="Status"]',
    ]),
  ).toEqual([]);

  // The follow-ups page.
  await openInApp(page, '/firebreak/follow-ups');
  await expect(page.getByRole('table', { name: 'Follow-ups' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // The entity's Incidents tab: runbooks and follow-ups, and the runbook editor.
  await openInApp(page, '/catalog/default/component/ledger-service/incidents');
  await expect(page.getByRole('list', { name: 'Runbooks' })).toBeVisible();
  // Known exception, Backstage's own: the incident history is Backstage's `Table`, whose
  // column headers put a focusable sort label inside a button (axe: nested-interactive).
  expect(
    await violations(page, 'main', ['[class*="BackstageTableHeader-header"]']),
  ).toEqual([]);
  await page.getByRole('button', { name: 'New runbook' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await violations(page, '[role="dialog"]')).toEqual([]);
});
