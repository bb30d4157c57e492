// Builds the browser app into dist/web, which the console's backend-for-frontend serves (no CDN: every asset is
// the console's own). `vite dev` proxies the API and session routes to a console running on port 3000.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.join(import.meta.dirname, 'src', 'web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist', 'web'),
    emptyOutDir: true,
    // Files, not data: URLs, so the Content-Security-Policy can stay `'self'`.
    assetsInlineLimit: 0,
    // Ant Design alone is larger than Vite's default warning size; each screen is its own chunk.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/bff': 'http://127.0.0.1:3000' },
  },
});
