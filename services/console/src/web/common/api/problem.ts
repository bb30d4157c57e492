/** An RFC 9457 problem as the services and the console send it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  requestId?: string;
  errors?: { path: string; message: string; code?: string; limit?: number }[];
  [extension: string]: unknown;
}

/** A refused request, kept whole so pages can show its title, detail and field errors in the person's language. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ProblemError';
  }

  /** The last segment of the problem type, e.g. `task-held`. */
  get slug(): string {
    return (this.problem.type ?? '').replace(/^urn:gongzhi:problem:/, '');
  }
}

export function isProblem(error: unknown, status?: number): error is ProblemError {
  return error instanceof ProblemError && (status === undefined || error.status === status);
}
