import { APIRequestContext, expect, Page } from '@playwright/test';

/** The example backend the journeys talk to directly. */
export const backend = 'http://localhost:7007';

/**
 * How long the app may take to come up after a full page load. The development bundle is tens
 * of megabytes: loading and evaluating it takes 10 s on an idle machine and up to 100 s with the
 * CPUs busy, so the journeys load it once (at sign-in) and then move around inside the app.
 */
const appStartTimeout = 180_000;

/** Loads the app and signs in as the guest (Alice Nguyen of Payments). */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible({ timeout: appStartTimeout });
  await enter.click();
  // Signed in once the app shell replaces the sign-in page.
  await expect(page.getByRole('link', { name: 'Catalog' })).toBeVisible();
}

/**
 * Loads the app in `page` and signs in as another catalog user, such as `bruno.costa`: the
 * app's guest sign-in is answered by the backend's e2e-only provider for that user
 * (packages/backend/src/testSignIn.ts), so the app runs as that person with their ownership.
 */
export async function signInAs(page: Page, userName: string) {
  await page.route('**/api/auth/guest/refresh**', async route => {
    const response = await route.fetch({
      url: `${backend}/api/auth/e2e/refresh?env=development`,
      headers: {
        ...route.request().headers(),
        'x-firebreak-test-user': userName,
      },
    });
    await route.fulfill({ response });
  });
  await signIn(page);
}

/**
 * Opens a path inside the running app as its own links do — through the router, without
 * reloading the bundle. `page.goto` would load and evaluate the whole bundle again.
 */
export async function openInApp(page: Page, path: string) {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    // The router follows the browser's history through popstate.
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(path);
}

/** The signed-in guest's Backstage token, as the app gets it. */
export async function tokenOf(request: APIRequestContext) {
  const response = await request.get(
    `${backend}/api/auth/guest/refresh?optional=&env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token as string;
}

/** Headers that call the backend as the signed-in guest. */
export async function guestHeaders(page: Page) {
  return { Authorization: `Bearer ${await tokenOf(page.request)}` };
}
