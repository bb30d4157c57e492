import type { Express } from 'express';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';

interface CallableService {
  app: Express;
  bearer: (who: Principal) => Promise<string>;
}

/**
 * GET and POST against the app as a given staff member (and, for a POST, with an Idempotency-Key when given). The
 * service is looked up at each call, so suites can build it in `beforeAll`.
 */
export function callerRequests(service: () => CallableService) {
  return {
    post: async (who: Principal, path: string, body?: object, key?: string) => {
      const req = request(service().app)
        .post(path)
        .set('Authorization', await service().bearer(who));
      if (key) req.set('Idempotency-Key', key);
      return body === undefined ? req : req.send(body);
    },
    get: async (who: Principal, path: string) =>
      request(service().app)
        .get(path)
        .set('Authorization', await service().bearer(who)),
  };
}
