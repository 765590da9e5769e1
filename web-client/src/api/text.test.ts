import { describe, expect, test } from 'vitest';
import { completeToken, hashtagsOf, isVisiblyEmpty, javaStrip, mentionsOf, postLength, segments, tokenAt } from './text';

describe('postLength counts as the server does', () => {
  test('code points, not UTF-16 units: an emoji outside the BMP is one', () => {
    expect('😀'.length).toBe(2);
    expect(postLength('😀')).toBe(1);
    expect(postLength('😀'.repeat(280))).toBe(280);
  });

  test('after NFC: e and a combining acute count as one é', () => {
    expect(postLength('e\u0301')).toBe(1);
  });

  test('white space at the ends does not count, inner white space does', () => {
    expect(postLength('  hello world \n\t')).toBe(11);
  });

  test("trims as Java's strip(): a no-break space at the end stays and counts", () => {
    expect(javaStrip('\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
    expect(javaStrip('\u2003x\u3000')).toBe('x');
    expect(postLength('x\u00a0')).toBe(2);
  });
});

test('only invisible characters are empty', () => {
  expect(isVisiblyEmpty('  \u200b\n')).toBe(true);
  expect(isVisiblyEmpty(' a ')).toBe(false);
});

test('hashtags and mentions as the server reads them', () => {
  expect(hashtagsOf('#Java and #java, #123, foo#bar, #Überall')).toEqual(['java', 'überall']);
  expect(mentionsOf('hi @Alice and @bob, mail me@example.com, @al')).toEqual(['alice', 'bob']);
});

describe('segments', () => {
  test('cut text into words, tags, mentions and web links', () => {
    expect(segments('Hi @bob, see https://example.com/a?b=1. #news')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'mention', text: '@bob', username: 'bob' },
      { kind: 'text', text: ', see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. ' },
      { kind: 'tag', text: '#news', tag: 'news' },
    ]);
  });

  test('a javascript: address is no link', () => {
    expect(segments('javascript:alert(1)')).toEqual([{ kind: 'text', text: 'javascript:alert(1)' }]);
  });

  test('a fragment inside a link is no tag', () => {
    expect(segments('https://example.com/#top').map((s) => s.kind)).toEqual(['link']);
  });
});

describe('tokenAt finds what is being typed for autocomplete', () => {
  test('a tag or a mention right before the caret', () => {
    expect(tokenAt('hello #jav', 10)).toEqual({ kind: 'tag', query: 'jav', start: 6 });
    expect(tokenAt('@al', 3)).toEqual({ kind: 'mention', query: 'al', start: 0 });
  });

  test('nothing inside a word, an e-mail address, or after a space', () => {
    expect(tokenAt('foo#bar', 7)).toBeNull();
    expect(tokenAt('me@example', 10)).toBeNull();
    expect(tokenAt('#tag ', 5)).toBeNull();
  });

  test('completing replaces the token and adds a space', () => {
    expect(completeToken('hi #ja there', 3, 6, '#java')).toEqual({ text: 'hi #java  there', caret: 9 });
  });
});
