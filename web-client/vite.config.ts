import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The build lands where Maven packages resources: the gateway serves classpath:/static/ from this jar.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    // every browser the app supports preloads modules itself: no polyfill (and nothing inline for the CSP)
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  server: {
    // `npm run dev` against a local stack (scripts/run-local.sh; API_URL for another port): the API
    // stays same-origin through the proxy
    proxy: Object.fromEntries(['/api', '/v3'].map((path) => [path, process.env.API_URL ?? 'http://localhost:8080'])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // generous: the build runs on two cores shared with other builds
    testTimeout: 30_000,
  },
});
