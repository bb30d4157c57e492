import { matrixRows } from './authorization-matrix';

type Role = 'mediator' | 'anonymous' | 'workflow-engine';
const staffRoute = { operationId: 'listThings', method: 'get', path: '/api/v1/things', callers: ['staff'] };

describe('an authorization matrix built on the routes’ declarations', () => {
  const fits = {
    listThings: {
      mediator: { none: 200 },
      anonymous: { none: 401 },
      'workflow-engine': { none: 403 },
    },
  };

  it('gives one row per route, role and object when it agrees with them', () => {
    expect(matrixRows<Role>([staffRoute], fits)).toHaveLength(3);
  });

  it('fails when it lets the workflow engine through a route that does not declare it', () => {
    const lets = { listThings: { ...fits.listThings, 'workflow-engine': { none: 200 } } };
    expect(() => matrixRows<Role>([staffRoute], lets)).toThrow(/listThings does not declare the workflow engine/);
  });

  it('fails when it refuses the workflow engine everywhere on a route that declares it', () => {
    const route = { ...staffRoute, callers: ['staff', 'workflow-engine'] };
    expect(() => matrixRows<Role>([route], fits)).toThrow(/listThings declares the workflow engine/);
  });

  it('fails when it answers a caller without a token on a route that is not public', () => {
    const answers = { listThings: { ...fits.listThings, anonymous: { none: 200 } } };
    expect(() => matrixRows<Role>([staffRoute], answers)).toThrow(/listThings is not public/);
  });

  it('fails for a route without an entry, and an entry without a route', () => {
    expect(() => matrixRows<Role>([staffRoute, { ...staffRoute, operationId: 'other' }], fits)).toThrow(/other/);
    expect(() => matrixRows<Role>([], fits)).toThrow(/routes that do not exist: listThings/);
  });
});
