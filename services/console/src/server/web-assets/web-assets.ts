import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { isLanguage, LANGUAGE_COOKIE, readCookie } from '../security/cookies';

const NONCE_PLACEHOLDER = '__CSP_NONCE__';
const TEMPORAL_UI_PLACEHOLDER = '__TEMPORAL_UI__';

/** Where the page finds Temporal's Web UI: the namespace's address, a workflow's page is `<it>/workflows/<id>`. */
export interface TemporalUi {
  url: string;
  namespace: string;
}

/** The address written into the page: empty when the console was not told where the Web UI is. */
export function temporalUiAddress(ui: TemporalUi | undefined): string {
  if (!ui) return '';
  return `${ui.url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}`;
}

/**
 * The built browser app. Hashed files under /assets are cached for a year; every other GET that is not an API
 * route answers index.html (the app's router takes it from there), with this response's style nonce and the
 * page language filled in, and never cached.
 */
export function webAssets(webDir: string, temporalUi?: TemporalUi): Router {
  const router = express.Router();
  const indexFile = path.join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`No built console at ${webDir}: build it with \`npx nx run console:build-web\`.`);
  }
  const index = readFileSync(indexFile, 'utf8').replace(TEMPORAL_UI_PLACEHOLDER, temporalUiAddress(temporalUi));
  router.use(
    '/assets',
    express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  router.get('/favicon.svg', (_req, res) => res.sendFile(path.join(webDir, 'favicon.svg')));
  router.get(/^\/(?!api\/|bff\/|health\/).*/, (req, res) => {
    const cookie = readCookie(req, LANGUAGE_COOKIE);
    const language = isLanguage(cookie) ? cookie : 'zh-CN';
    res.setHeader('cache-control', 'no-store');
    res
      .type('html')
      .send(
        index
          .replaceAll(NONCE_PLACEHOLDER, String(res.locals.cspNonce))
          .replace('<html lang="zh-CN">', `<html lang="${language}">`),
      );
  });
  return router;
}
