import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, SCREENSHOTS, TARGET } from './env';

/**
 * Debian's Chromium driven by playwright-core (no browser download): each launch starts from a
 * fresh temporary profile. Every page records what must never happen: an uncaught error, a
 * dialog (alert), a Content-Security-Policy violation.
 */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface Trouble {
  errors: string[];
  dialogs: string[];
}

export const trouble: Trouble = { errors: [], dialogs: [] };

export async function newContext(browser: Browser, baseURL: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, colorScheme: options.colorScheme ?? 'light', locale: 'en-US' });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('page', watch);
  return context;
}

function watch(page: Page): void {
  page.on('pageerror', (error) => trouble.errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /CSP violation|Content Security Policy/i.test(message.text())) {
      trouble.errors.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
}

// ---------------------------------------------------------------- screens: screenshots and axe

export interface ScreenResult {
  violations: { id: string; impact: string | null | undefined; nodes: number; help: string }[];
  seriousOrCritical: number;
}

export const report: {
  screens: Record<string, ScreenResult>;
  screenshots: string[];
  firstPaintMs?: number;
  firstContentfulPaintMs?: number;
  skipped: string[];
} = { screens: {}, screenshots: [], skipped: [] };

export function saveReport(name: string): void {
  writeFileSync(resolve(TARGET, `browser-report-${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * One screen as a person sees it: screenshots at 1280×800 and 390×844, and axe-core on both
 * layouts (WCAG 2.1 A and AA rules). Returns the serious and critical violations found.
 */
export async function captureScreen(page: Page, name: string): Promise<ScreenResult['violations']> {
  await settle(page);
  const found: ScreenResult['violations'] = [];
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await settle(page);
    const file = resolve(SCREENSHOTS, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: false });
    report.screenshots.push(file);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    for (const v of results.violations) {
      if (!found.some((f) => f.id === v.id)) {
        found.push({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: `${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}` });
      }
    }
  }
  await page.setViewportSize(DESKTOP);
  const serious = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  report.screens[name] = { violations: found, seriousOrCritical: serious.length };
  return serious;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !document.querySelector('.loading'), null, { timeout: 15_000 }).catch(() => {});
}
