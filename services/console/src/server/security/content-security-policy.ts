import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * A strict policy: scripts only from the console's own files (no inline script, no eval), no other origin for
 * anything. Ant Design writes its component styles into <style> elements at run time; each page load gets a fresh
 * nonce that only those elements carry, so injected markup cannot add style sheets.
 */
export function contentSecurityPolicy(): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: [
            "'self'",
            (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`,
          ],
          // Ant Design's popups and dialogs set `style` attributes through markup (positions, sizes). An attribute
          // cannot run script or load anything; <style> elements still need the nonce.
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Same-origin only; no other site may embed or read the console.
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
      // HSTS belongs to the TLS-terminating proxy in production; locally it would pin http://127.0.0.1 to https.
      strictTransportSecurity: false,
    }),
  ];
}
