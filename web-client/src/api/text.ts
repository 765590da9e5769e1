/**
 * Post text as the server reads it (post-service: content is stripped as Java's String.strip()
 * does, NFC-normalised, then counted in code points; hashtags and mentions by its PostText rules).
 */

export const MAX_POST_LENGTH = 280;
export const MAX_TAGS = 10;
export const MAX_MENTIONS = 10;
export const MAX_BIO_LENGTH = 160;
export const MAX_DISPLAY_NAME_LENGTH = 50;

/** Java's Character.isWhitespace: space separators except the no-break ones, and the C0 layout characters. */
function isJavaWhitespace(c: string): boolean {
  const code = c.codePointAt(0)!;
  if ((code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)) {
    return true;
  }
  if (code === 0xa0 || code === 0x2007 || code === 0x202f) {
    return false;
  }
  return /[\p{Zs}\p{Zl}\p{Zp}]/u.test(c);
}

export function javaStrip(text: string): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && isJavaWhitespace(chars[start]!)) start++;
  while (end > start && isJavaWhitespace(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** The length the server checks against 280. */
export function postLength(text: string): number {
  return Array.from(javaStrip(text).normalize('NFC')).length;
}

/** Whether nothing would be visible (the server refuses such a post as blank). */
export function isVisiblyEmpty(text: string): boolean {
  return /^[\s\p{Zs}\p{Cc}\p{Cf}\u034f\u115f\u1160\u3164\uffa0\u2800\ufe00-\ufe0f]*$/u.test(text);
}

const TAG_CHAR = '[\\p{L}\\p{M}\\p{Nd}_]';
const HASHTAG = new RegExp(`(?<![\\p{L}\\p{M}\\p{Nd}_#])#(${TAG_CHAR}{1,50})(?!${TAG_CHAR})`, 'gu');
const MENTION = /(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/g;

/** Distinct hashtags (lower case), as the server counts them against the limit of 10. */
export function hashtagsOf(text: string): string[] {
  const tags = new Set<string>();
  for (const m of text.matchAll(HASHTAG)) {
    if (!/^\p{Nd}+$/u.test(m[1]!)) tags.add(m[1]!.toLowerCase());
  }
  return [...tags];
}

export function mentionsOf(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
}

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; text: string; tag: string }
  | { kind: 'mention'; text: string; username: string }
  | { kind: 'link'; text: string; href: string };

/**
 * The text cut into plain runs, hashtags, mentions and web links, for rendering as text nodes and
 * links (never as HTML). Only http(s) addresses become links: a `javascript:` one stays text.
 */
export function segments(text: string): Segment[] {
  type Found = { start: number; end: number; segment: Segment };
  const found: Found[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    found.push({ start: m.index, end: m.index + m[0].length, segment: { kind: 'link', text: m[0], href: m[0] } });
  }
  const overlaps = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const m of text.matchAll(HASHTAG)) {
    const end = m.index + m[0].length;
    if (!/^\p{Nd}+$/u.test(m[1]!) && !overlaps(m.index, end)) {
      found.push({ start: m.index, end, segment: { kind: 'tag', text: m[0], tag: m[1]!.toLowerCase() } });
    }
  }
  for (const m of text.matchAll(MENTION)) {
    const end = m.index + m[0].length;
    if (!overlaps(m.index, end)) {
      found.push({ start: m.index, end, segment: { kind: 'mention', text: m[0], username: m[1]! } });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const result: Segment[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start > at) result.push({ kind: 'text', text: text.slice(at, f.start) });
    result.push(f.segment);
    at = f.end;
  }
  if (at < text.length) result.push({ kind: 'text', text: text.slice(at) });
  return result;
}

/** The `#tag` or `@user` being typed at the caret, for autocomplete. */
export function tokenAt(text: string, caret: number): { kind: 'tag' | 'mention'; query: string; start: number } | null {
  const before = text.slice(0, caret);
  const m = /(?:^|[^\p{L}\p{M}\p{Nd}_#@])([#@])([\p{L}\p{M}\p{Nd}_]{1,50})$/u.exec(before);
  if (m === null) return null;
  const kind = m[1] === '#' ? 'tag' : 'mention';
  const query = m[2]!;
  if (kind === 'mention' && !/^[A-Za-z0-9_]{1,30}$/.test(query)) return null;
  if (/^[A-Za-z0-9_\p{L}\p{M}\p{Nd}]/u.test(text.slice(caret, caret + 1))) return null;
  return { kind, query, start: caret - query.length - 1 };
}

/** Replaces the token that starts at `start` (with its `#`/`@`) by `replacement` and a space. */
export function completeToken(text: string, start: number, caret: number, replacement: string) {
  const next = `${text.slice(0, start)}${replacement} ${text.slice(caret)}`;
  return { text: next, caret: start + replacement.length + 1 };
}

/** A random key (crypto.randomUUID exists only in secure contexts). */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** "12 characters left", "1 character too many". */
export function charactersLeft(remaining: number): string {
  const n = Math.abs(remaining);
  const noun = n === 1 ? 'character' : 'characters';
  return remaining >= 0 ? `${n} ${noun} left` : `${n} ${noun} too many`;
}
