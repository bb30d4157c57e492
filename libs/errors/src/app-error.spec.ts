import { ConflictError, NotFoundError, ValidationError, problemTypeUri } from './app-error';

describe('AppError → problem details', () => {
  it('gives a client the stable type, the status and a message that says what to do', () => {
    const problem = new NotFoundError('case', 'c-1').toProblem('/api/v1/cases/c-1', 'req-9');
    expect(problem).toEqual({
      type: 'urn:gongzhi:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'No case with id c-1 is visible to you.',
      instance: '/api/v1/cases/c-1',
      requestId: 'req-9',
    });
  });

  it('carries field issues for validation failures', () => {
    const problem = new ValidationError('2 fields are wrong', [{ path: 'summary', message: 'Required' }]).toProblem();
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ path: 'summary', message: 'Required' }]);
  });

  it('keeps extensions but never lets them overwrite the core members', () => {
    const problem = new ConflictError('held by someone else', { heldBy: 'u-2', status: 200 }).toProblem();
    expect(problem.status).toBe(409);
    expect(problem.heldBy).toBe('u-2');
    expect(problem.type).toBe(problemTypeUri('conflict'));
  });
});
