import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the suite runs: the gateway of a running stack (the Java IT passes it), and where results go. */
export const GATEWAY_URL = (process.env.GATEWAY_URL ?? '').replace(/\/$/, '');
if (!GATEWAY_URL) {
  throw new Error('GATEWAY_URL is not set: the browser suite runs against a running stack (npm run test:browser with GATEWAY_URL=http://127.0.0.1:PORT)');
}
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const TARGET = resolve(process.env.BROWSER_TARGET_DIR ?? 'target');
export const SCREENSHOTS = resolve(TARGET, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** A name no earlier run has used (usernames are 3-30 of [A-Za-z0-9_]). */
export const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(-8);
