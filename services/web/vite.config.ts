import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev mode: `pnpm --filter @tochka/web dev` on :5173, with /api and /ical proxied to a running
// gateway (`pnpm start`, or GATEWAY_URL).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // The zod-free part of the shared vocabulary (labels, Moscow time, plurals), from source.
      '@tochka/contracts/browser': fileURLToPath(new URL('../../packages/contracts/src/browser.ts', import.meta.url)),
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: { '/api': gateway, '/ical': gateway, '/health': gateway },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
