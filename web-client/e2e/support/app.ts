import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { GATEWAY_URL, RUN } from './env';

export interface Person {
  username: string;
  displayName: string;
  email: string;
  password: string;
}

export function person(name: string): Person {
  const username = `${name}_${RUN}`;
  return { username, displayName: `${name[0]!.toUpperCase()}${name.slice(1)} ${RUN}`, email: `${username}@example.com`, password: `pw-${RUN}-${name}-secret` };
}

/** Signs up through the form, as a person would; lands on the home timeline. */
export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByLabel('Display name').fill(who.displayName);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
}

export async function logIn(page: Page, who: Person): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
}

/** Posts from the home timeline's box; answers the new post's article. */
export async function post(page: Page, text: string): Promise<Locator> {
  if (new URL(page.url()).pathname !== '/') await page.goto('/');
  await page.getByLabel("What's happening?").fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const article = articleWith(page, text);
  await article.waitFor();
  return article;
}

/** The post (article) whose text contains `text`. */
export function articleWith(page: Page, text: string): Locator {
  return page.locator('article').filter({ hasText: text }).first();
}

/** Whether the live gateway's API has these paths (issue 25's endpoints may not be merged yet). */
export async function apiHas(...paths: string[]): Promise<string[]> {
  const docs = (await (await fetch(`${GATEWAY_URL}/v3/api-docs`)).json()) as { paths: Record<string, unknown> };
  return paths.filter((p) => !(p in docs.paths));
}

export async function expectNoSeriousViolations(violations: { id: string; help: string }[], screen: string) {
  expect(violations, `axe on ${screen}: ${violations.map((v) => `${v.id} (${v.help})`).join('; ')}`).toEqual([]);
}

/** An access token of `who` from a login of its own over the API (not the page's). */
export async function accessTokenOf(who: Person): Promise<string> {
  const login = await fetch(`${GATEWAY_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: who.username, password: who.password }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** The types of the notifications that `accessToken`'s owner has from `actor`, as the server holds them. */
export async function notificationTypesFrom(accessToken: string, actor: Person): Promise<string[]> {
  const answer = await fetch(`${GATEWAY_URL}/api/notifications?limit=50`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const page = (await answer.json()) as { items: { type: string; actor: { username: string } }[] };
  return page.items.filter((n) => n.actor.username === actor.username).map((n) => n.type);
}
