import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const dashboardRoot = import.meta.dirname;
const workspaceRoot = path.resolve(dashboardRoot, '../..');
const sharedLibrary = (name: string) =>
  path.join(workspaceRoot, 'libs/shared', name, 'src/index.ts');

export default defineConfig({
  root: dashboardRoot,
  plugins: [react()],
  resolve: {
    // The same aliases as tsconfig.base.json; the dashboard uses only browser-safe libraries.
    alias: {
      '@seg/segment-engine': sharedLibrary('segment-engine'),
      '@seg/contracts': sharedLibrary('contracts'),
    },
  },
  // The dev server passes the API to a gateway on its default port: same origin for the browser,
  // so the session cookie and CSRF header work as when the gateway serves the build.
  server: { proxy: { '/v1': `http://127.0.0.1:${process.env.GATEWAY_PORT ?? '3000'}` } },
  build: {
    outDir: path.join(workspaceRoot, 'dist/apps/dashboard'),
    emptyOutDir: true,
    rollupOptions: {
      // The shared libraries' modules have no side effects: the dashboard takes the rule
      // language's constants without pulling in the validator's zod schemas.
      treeshake: { moduleSideEffects: (id) => !id.includes('/libs/shared/') },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // A whole user flow per test (a few seconds alone); the shared 2-core machines run it
    // 10-20x slower under load, and a timeout is a limit, not a wait.
    testTimeout: 120_000,
  },
});
