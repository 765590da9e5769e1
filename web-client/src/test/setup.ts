import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy* and waitFor wait this long (default 1 s): a busy build machine renders slowly
configure({ asyncUtilTimeout: 5000 });

// Tests of the API contract run in Node (`@vitest-environment node`): no DOM to clean up there.
const inBrowserLikeEnvironment = typeof window !== 'undefined';

afterEach(() => {
  if (!inBrowserLikeEnvironment) return;
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});

if (inBrowserLikeEnvironment) {
  // jsdom does not scroll
  window.scrollTo = () => {};
}
