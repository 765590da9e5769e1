// Fails the build when the JavaScript a first visit loads is over budget (gzipped): the entry
// script of index.html and every module it preloads (what the browser fetches before the app
// runs). Screens loaded later (lazy routes) do not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = process.argv[2] ?? 'target/classes/static';
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
  console.error('index.html has an inline script: the Content-Security-Policy forbids it');
  process.exit(1);
}
const files = [...new Set([...scripts, ...preloads])];
if (files.length === 0) {
  console.error('no script found in index.html');
  process.exit(1);
}
let total = 0;
for (const file of files) {
  const gzipped = gzipSync(readFileSync(join(dist, file.replace(/^\//, '')))).length;
  total += gzipped;
  console.log(`  ${file}: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (${verdict} the budget of ${BUDGET_BYTES / 1024} KB)`);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
