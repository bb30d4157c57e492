import express, { type ErrorRequestHandler } from 'express';
import request from 'supertest';
import { UnauthenticatedError } from '@gongzhi/errors';
import { authenticate } from './middleware';

/** A service with one public route (signing in) and a staff route on the same path. */
function appWithPublicSignIn() {
  const app = express();
  const refuseEveryToken = { verify: () => Promise.reject(new UnauthenticatedError()) };
  app.use(authenticate(refuseEveryToken, { publicRoutes: [{ method: 'POST', path: '/api/v1/sessions' }] }));
  app.post('/api/v1/sessions', (_req, res) => {
    res.json({ signedIn: true });
  });
  app.get('/api/v1/sessions', (_req, res) => {
    res.json({ sessions: ['every session of the town'] });
  });
  const problems: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    res.status(error instanceof UnauthenticatedError ? 401 : 500).json({});
  };
  app.use(problems);
  return app;
}

describe('authenticate', () => {
  it('lets a public route through without a token, and only by the method it was declared with', async () => {
    const app = appWithPublicSignIn();
    await request(app).post('/api/v1/sessions').expect(200, { signedIn: true });
    // The same path by another method is a staff route: a public POST does not open it.
    await request(app).get('/api/v1/sessions').expect(401);
  });
});
