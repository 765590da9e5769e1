/**
 * The browser steps that need issue 25's endpoints (GET /api/posts/{id}/context,
 * PUT /api/users/me/password, GET /api/hashtags/search). Each is skipped, and says why, while
 * the gateway's API lacks its endpoint; with them merged, they run like the rest.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiHas, articleWith, expectNoSeriousViolations, logIn, person, post, signUp } from './support/app';
import { captureScreen, launch, newContext, report, saveReport, trouble } from './support/browser';
import { GATEWAY_URL, RUN } from './support/env';

let browser: Browser;
const missing = await apiHas('/api/posts/{id}/context', '/api/users/me/password', '/api/hashtags/search');
const needs = (path: string) => {
  if (missing.includes(path)) {
    const why = `skipped: ${path} is not in this gateway's API yet (issue 25)`;
    report.skipped.push(why);
    console.warn(why);
    return true;
  }
  return false;
};

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  saveReport('issue25');
  await browser?.close();
});

describe('with the client-ready API of issue 25', () => {
  test.skipIf(needs('/api/posts/{id}/context'))('a quote and a reply show in the thread', async () => {
    const erin = await (await newContext(browser, GATEWAY_URL)).newPage();
    const finn = await (await newContext(browser, GATEWAY_URL)).newPage();
    const erinP = person('erin');
    await signUp(erin, erinP);
    await signUp(finn, person('finn'));
    await post(erin, `The root of a thread ${RUN}`);
    await erin.getByRole('link', { name: /now|sec|min/ }).first().click();
    await erin.getByRole('heading', { name: 'Post', level: 1 }).waitFor();
    const threadUrl = erin.url();

    await finn.goto(threadUrl);
    await finn.getByLabel('Your reply').fill(`A reply in the thread ${RUN}`);
    await finn.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await finn.getByRole('region', { name: 'Replies' }).getByText(`A reply in the thread ${RUN}`).waitFor();
    await finn.locator('article').first().getByRole('button', { name: 'Quote' }).click();
    await finn.getByRole('dialog', { name: 'Quote' }).getByLabel('Add a comment').fill(`A quote of the root ${RUN}`);
    await finn.getByRole('dialog', { name: 'Quote' }).getByRole('button', { name: 'Quote', exact: true }).click();
    await finn.getByText(`A quote of the root ${RUN}`).waitFor();

    await erin.goto(threadUrl);
    await erin.getByRole('region', { name: 'Replies' }).getByText(`A reply in the thread ${RUN}`).waitFor();
    await expectNoSeriousViolations(await captureScreen(erin, 'thread'), 'thread');
    await erin.getByRole('tab', { name: 'Quotes' }).click();
    await articleWith(erin, `A quote of the root ${RUN}`).waitFor();

    // the reply's own page shows its ancestor above it
    await erin.getByRole('tab', { name: 'Replies' }).click();
    await articleWith(erin, `A reply in the thread ${RUN}`).getByRole('link', { name: /now|sec|min/ }).click();
    await erin.getByRole('region', { name: 'Earlier in the thread' }).getByText(`The root of a thread ${RUN}`).waitFor();
  });

  test.skipIf(needs('/api/users/me/password'))("a password change ends the other browser's session", async () => {
    const gretaP = person('greta');
    const first = await (await newContext(browser, GATEWAY_URL)).newPage();
    const second = await (await newContext(browser, GATEWAY_URL)).newPage();
    await signUp(first, gretaP);
    await logIn(second, gretaP);

    await first.goto('/settings');
    await first.getByLabel('Current password').fill(gretaP.password);
    await first.getByLabel('New password').fill(`${gretaP.password}-new`);
    await first.getByRole('button', { name: 'Change password' }).click();
    await first.getByText('Your password was changed.').waitFor();

    await expect
      .poll(
        async () => {
          await second.goto('/');
          await second.locator('h1').first().waitFor();
          return second.getByRole('heading', { name: 'Log in' }).count();
        },
        { timeout: 10_000, interval: 1000 },
      )
      .toBe(1);
    // the changer's own session goes on
    await first.goto('/');
    await first.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
  });

  test.skipIf(needs('/api/hashtags/search'))('#tag autocomplete from the keyboard', async () => {
    const page = await (await newContext(browser, GATEWAY_URL)).newPage();
    await signUp(page, person('hugo'));
    const tag = `auto${RUN}`;
    await post(page, `Seeding #${tag}`);
    const box = page.getByLabel("What's happening?");
    await box.fill('');
    await box.pressSequentially(`More on #${tag.slice(0, 6)}`);
    await page.getByRole('option', { name: new RegExp(`#${tag}`) }).waitFor();
    await expectNoSeriousViolations(await captureScreen(page, 'autocomplete'), 'autocomplete');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(`More on #${tag} `);
  });

  test('nothing threw, no dialog opened, no CSP violation', () => {
    expect(trouble.errors).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
  });
});
