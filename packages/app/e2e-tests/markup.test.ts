import { expect, Page, test } from '@playwright/test';
import { backend, guestHeaders, openInApp, signIn } from './portal';

/**
 * Script in every form stored text can carry it: an image whose error handler runs, a script
 * tag, a Markdown link and an HTML link to `javascript:` URLs. Each sets `window.__xss` if it runs.
 */
const hostileText = [
  'Rolled back the ledger writer.',
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '[click](javascript:window.__xss=3)',
  '<a href="javascript:window.__xss=4">open</a>',
].join(' ');

/** What the browser built from stored text that could run script: handlers and script URLs. */
async function scriptCarriers(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('*')).flatMap(element =>
      Array.from(element.attributes)
        .filter(
          attribute =>
            /^on/i.test(attribute.name) ||
            (/^(href|src|action|formaction|xlink:href)$/i.test(
              attribute.name,
            ) &&
              // Browsers drop spaces, tabs, newlines and control characters from a scheme.
              /^javascript:/i.test(
                Array.from(attribute.value)
                  .filter(character => character > ' ')
                  .join(''),
              )),
        )
        .map(
          attribute =>
            `<${element.tagName.toLowerCase()} ${attribute.name}="${
              attribute.value
            }">`,
        ),
    ),
  );
}

test('a note and a summary holding HTML, script and javascript: links are shown as text and run nothing', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', dialog => {
    dialogs.push(dialog.message());
    return dialog.dismiss();
  });
  await signIn(page);

  // An incident whose summary holds the same text, declared as the signed-in user.
  const headers = await guestHeaders(page);
  const title = `Ledger writer markup ${Date.now()}`;
  const declared = await page.request.post(
    `${backend}/api/firebreak/incidents`,
    {
      headers,
      data: {
        title,
        summary: hostileText,
        severity: 'SEV3',
        entityRefs: ['component:default/ledger-service'],
      },
    },
  );
  expect(declared.status()).toBe(201);
  const { ref } = await declared.json();

  // The note is posted through the incident page, as a responder would.
  await openInApp(page, `/firebreak/incidents/${ref}`);
  await expect(
    page.getByRole('heading', { name: new RegExp(title) }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Post Status update' }).click();
  await page.getByRole('option', { name: 'Note', exact: true }).click();
  await page.getByRole('textbox', { name: 'Note' }).fill(hostileText);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByText(`Note: ${hostileText}`)).toBeVisible();

  // What the backend stored, rendered afresh: away from the incident and back.
  await openInApp(page, '/firebreak');
  await openInApp(page, `/firebreak/incidents/${ref}`);
  const note = page
    .getByRole('listitem')
    .filter({ hasText: hostileText })
    .getByText(`Note: ${hostileText}`);
  const summary = page.getByText(hostileText, { exact: true });
  await expect(note).toBeVisible();
  await expect(summary).toBeVisible();

  // Nothing in the note or the summary became markup: no image, script, frame or link.
  const markup = 'img, script, iframe, object, embed, svg, a';
  await expect(note.locator(markup)).toHaveCount(0);
  await expect(summary.locator(markup)).toHaveCount(0);
  // Where the Markdown link would be, had the text become one, is what a person would click.
  await note.click();

  expect(await scriptCarriers(page)).toEqual([]);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // Still on the incident: no link navigated away.
  await expect(page).toHaveURL(new RegExp(`/firebreak/incidents/${ref}$`));
});

test('a postmortem section, a runbook and an action item holding HTML, script and javascript: links run nothing', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', dialog => {
    dialogs.push(dialog.message());
    return dialog.dismiss();
  });
  await signIn(page);
  const headers = await guestHeaders(page);
  const api = `${backend}/api/firebreak`;
  const stamp = Date.now();

  // A runbook of Alice's team for the ledger, its body and a step holding the text.
  const runbookTitle = `Ledger markup runbook ${stamp}`;
  const runbook = await page.request.post(`${api}/runbooks`, {
    headers,
    data: {
      title: runbookTitle,
      body: hostileText,
      steps: [{ title: 'Check the writer', body: hostileText }],
      ownerRef: 'group:default/payments',
      entityRefs: ['component:default/ledger-service'],
    },
  });
  expect(runbook.status()).toBe(201);

  // An incident on the ledger, with a postmortem whose summary holds the text.
  const title = `Ledger postmortem markup ${stamp}`;
  const declared = await page.request.post(`${api}/incidents`, {
    headers,
    data: {
      title,
      severity: 'SEV3',
      entityRefs: ['component:default/ledger-service'],
    },
  });
  expect(declared.status()).toBe(201);
  const { ref } = await declared.json();
  const started = await page.request.post(
    `${api}/incidents/${ref}/postmortem`,
    { headers },
  );
  expect(started.status()).toBe(201);
  const postmortem = await started.json();
  const edited = await page.request.patch(
    `${api}/postmortems/${postmortem.id}`,
    {
      headers,
      data: {
        version: postmortem.version,
        sections: postmortem.sections.map(
          (section: { id: string; body: string }) =>
            section.id === 'summary'
              ? { ...section, body: hostileText }
              : section,
        ),
      },
    },
  );
  expect(edited.status()).toBe(200);

  // An action item of the incident whose description holds the text.
  const itemTitle = `Ledger markup follow-up ${stamp}`;
  const item = await page.request.post(`${api}/action-items`, {
    headers,
    data: {
      title: itemTitle,
      description: hostileText,
      priority: 'P2',
      ownerRef: 'user:default/alice.nguyen',
      incidentRef: ref,
    },
  });
  expect(item.status()).toBe(201);

  async function expectNothingRan() {
    expect(await scriptCarriers(page)).toEqual([]);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  }

  // The incident page: the runbook opened, and the follow-up's details shown.
  await openInApp(page, `/firebreak/incidents/${ref}`);
  await page.getByRole('button', { name: new RegExp(runbookTitle) }).click();
  const checklist = page.getByRole('list', {
    name: `${runbookTitle} checklist`,
  });
  await expect(checklist.getByText('Check the writer')).toBeVisible();
  await page
    .getByRole('button', { name: `Show details of ${itemTitle}` })
    .click();
  // Each Markdown text rendered: the runbook body, its step and the description.
  await expect(
    page.getByText('Rolled back the ledger writer.', { exact: false }),
  ).toHaveCount(3);
  await expectNothingRan();

  // The postmortem page, with the summary rendered.
  await openInApp(page, `/firebreak/incidents/${ref}/postmortem`);
  await expect(
    page.getByText('Rolled back the ledger writer.', { exact: false }),
  ).toBeVisible();
  await expectNothingRan();
  // Whatever the sanitiser left of the links is not a way out of the page.
  for (const link of await page.getByRole('link', { name: 'click' }).all()) {
    await link.click();
  }
  await expectNothingRan();
  await expect(page).toHaveURL(
    new RegExp(`/firebreak/incidents/${ref}/postmortem$`),
  );
});
