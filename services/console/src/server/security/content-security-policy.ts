import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * A strict policy: scripts only from the console's own files (no inline script, no eval), no other origin for
 * anything. Ant Design writes its component styles into <style> elements at run time (with the per-response nonce the
 * page carries, ready for a policy without inline styles once its popups pass it on too).
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
          // Styles may be inline: Ant Design's dialogs and popups (rc-component's scroll locker) insert <style>
          // elements that do not carry the nonce Ant Design's own styles get, and set style attributes. Styles cannot
          // run script; scripts stay limited to the console's own files.
          styleSrc: ["'self'", "'unsafe-inline'"],
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
