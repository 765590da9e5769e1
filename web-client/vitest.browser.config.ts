import { defineConfig } from 'vitest/config';

// The browser suite (e2e/): Chromium against a running stack at GATEWAY_URL; one file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['verbose'],
  },
});
