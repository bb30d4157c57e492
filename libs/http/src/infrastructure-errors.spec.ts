import { infrastructureErrorMapper } from './infrastructure-errors';

const mapped = infrastructureErrorMapper({ database: 'The case database', temporal: true });

describe('infrastructure errors as problems', () => {
  it('answers a transaction PostgreSQL gave up for a concurrent one with a 503 to retry, not a 500', () => {
    const error = Object.assign(new Error('Transaction failed due to a write conflict or a deadlock.'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2034',
    });
    expect(mapped(error)).toMatchObject({
      status: 503,
      message: expect.stringMatching(/retry in a moment\. Nothing was changed/),
    });
  });

  it('answers an unreachable database or Temporal with a 503, and leaves other errors alone', () => {
    expect(mapped(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toMatchObject({ status: 503 });
    // PostgreSQL restarting: sessions cut, then refused while it starts up.
    const cut = 'Database error. Code: `57P01`. Message: `terminating connection due to administrator command`';
    expect(mapped(Object.assign(new Error(cut), { name: 'PrismaClientUnknownRequestError' }))).toMatchObject({
      status: 503,
    });
    expect(mapped(new Error('the database system is not yet accepting connections'))).toMatchObject({ status: 503 });
    const broken = 'Client has encountered a connection error and is not queryable';
    expect(mapped(new Error(broken))).toMatchObject({ status: 503 });
    expect(mapped(Object.assign(new Error('x'), { code: '57P03' }))).toMatchObject({ status: 503 });
    expect(mapped(Object.assign(new Error('14 UNAVAILABLE'), { name: 'ServiceError' }))).toMatchObject({ status: 503 });
    expect(mapped(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBeUndefined();
    expect(mapped(new TypeError('x is undefined'))).toBeUndefined();
  });
});
