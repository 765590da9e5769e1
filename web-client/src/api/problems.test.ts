import { expect, test } from 'vitest';
import { ApiError, problemMessage } from './problems';

test('the code decides the words, whatever the detail', () => {
  expect(problemMessage(new ApiError(409, { code: 'EMAIL_TAKEN', detail: 'email taken' }))).toBe(
    'An account with that email already exists.',
  );
  expect(problemMessage(new ApiError(409, { code: 'EDIT_WINDOW_CLOSED' }))).toBe('A post can only be edited within an hour of posting.');
});

test('without a code, the status decides', () => {
  expect(problemMessage(new ApiError(504, { detail: 'A service did not answer in time.' }))).toBe('The service took too long to answer.');
  expect(problemMessage(new ApiError(500, undefined))).toBe('Something went wrong on our side.');
});

test('a 429 says when to try again', () => {
  expect(problemMessage(new ApiError(429, { code: 'RATE_LIMITED' }, 30))).toBe('Too many requests. Try again in 30 seconds.');
});

test('503, 504, 429 and no connection may be tried again; a 400 may not', () => {
  expect([503, 504, 429, 0].map((s) => new ApiError(s, undefined).retryable)).toEqual([true, true, true, true]);
  expect(new ApiError(400, undefined).retryable).toBe(false);
});

test('too many wrong passwords says so, and when to try again', () => {
  expect(problemMessage(new ApiError(429, { code: 'TOO_MANY_FAILED_LOGINS' }, 840))).toBe(
    'Too many wrong passwords. Try again in 14 minutes.',
  );
});
