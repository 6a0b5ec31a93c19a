import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console is served by the gateway from dist/apps/console (same origin as /api: no CORS).
// `vite` (dev) proxies /api to a gateway started by `npm start`.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // Preact's React compatibility layer at run time (≈10 KB instead of React's ≈60 KB gzipped):
  // the code is written and type-checked against React's API; the bundle runs on Preact.
  resolve: {
    alias: {
      'react-dom/client': 'preact/compat/client',
      'react-dom': 'preact/compat',
      'react/jsx-runtime': 'preact/jsx-runtime',
      'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
      react: 'preact/compat',
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing: the gateway's CSP allows only files from its own origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { proxy: { '/api': process.env.SEATKEEPER_GATEWAY_URL ?? 'http://127.0.0.1:3000' } },
});
