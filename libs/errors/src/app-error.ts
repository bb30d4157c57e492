/**
 * The one error hierarchy of Gongzhi. Every error a caller can act on is an AppError with an HTTP status and a
 * stable problem type; the HTTP layer turns it into RFC 9457 problem+json. Anything else is a bug and is reported
 * as a generic 500 problem without details.
 */

/** Stable, documented problem types. Clients branch on these, never on messages. */
export const PROBLEM_TYPES = {
  validation: 'validation-failed',
  malformedJson: 'malformed-json',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  notFound: 'not-found',
  routeNotFound: 'route-not-found',
  methodNotAllowed: 'method-not-allowed',
  conflict: 'conflict',
  idempotencyKeyReused: 'idempotency-key-reused',
  preconditionFailed: 'precondition-failed',
  preconditionRequired: 'precondition-required',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  rateLimited: 'rate-limited',
  dependencyUnavailable: 'dependency-unavailable',
  internal: 'internal-error',
} as const;

export type ProblemSlug = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

/** Problem type URIs are URNs: stable identifiers that don't pretend to be a web page. */
export function problemTypeUri(slug: string): string {
  return `urn:gongzhi:problem:${slug}`;
}

/**
 * What is wrong with a field, as a code a client can put in its user's language (the message is the service's own
 * English words): missing, too short or long (characters), too small or big (a number), too few or many (a list), not
 * in the expected format, not one of the allowed values, of the wrong type, or not a field of the request at all.
 */
export const FIELD_ISSUE_CODES = [
  'required',
  'too-short',
  'too-long',
  'too-small',
  'too-big',
  'too-few',
  'too-many',
  'invalid-format',
  'invalid-choice',
  'invalid-type',
  'unknown-field',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/** One field-level complaint, e.g. from schema validation. */
export interface FieldIssue {
  /** JSON pointer-ish path to the offending field, e.g. `parties.0.role`. */
  path: string;
  message: string;
  /** Where the complaint has a general kind; absent for a rule of its own (the message then says it). */
  code?: FieldIssueCode;
  /** The bound a too-* code refers to (characters, the number, or items). */
  limit?: number;
}

/** RFC 9457 problem details as Gongzhi emits them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Request id, so a user can quote it to an administrator. */
  requestId?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldIssue[];
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldIssue[] | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(status: number, type: string, title: string, options: AppErrorOptions = {}) {
    super(options.detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }

  toProblem(instance?: string, requestId?: string): ProblemDetails {
    return {
      ...this.extensions,
      type: problemTypeUri(this.type),
      title: this.title,
      status: this.status,
      ...(this.message && this.message !== this.title ? { detail: this.message } : {}),
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors?: FieldIssue[]) {
    super(400, PROBLEM_TYPES.validation, 'The request is not valid', { detail, ...(errors ? { errors } : {}) });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(404, PROBLEM_TYPES.notFound, 'Not found', { detail: `No ${what} with id ${id} is visible to you.` });
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extensions?: Record<string, unknown>) {
    super(409, PROBLEM_TYPES.conflict, 'Conflict with the current state', {
      detail,
      ...(extensions ? { extensions } : {}),
    });
  }
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, PROBLEM_TYPES.idempotencyKeyReused, 'Idempotency key reused', {
      detail: 'This Idempotency-Key was already used with a different request: use a new key for a new request.',
    });
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail = 'The resource changed since you read it: fetch it again and retry with the new ETag.') {
    super(412, PROBLEM_TYPES.preconditionFailed, 'Precondition failed', { detail });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(detail = 'Log in and send the token as `Authorization: Bearer <token>`.') {
    super(401, PROBLEM_TYPES.unauthenticated, 'Authentication required', { detail });
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super(403, PROBLEM_TYPES.forbidden, 'Not allowed', { detail });
  }
}

export class DependencyUnavailableError extends AppError {
  constructor(dependency: string, cause?: unknown) {
    super(503, PROBLEM_TYPES.dependencyUnavailable, 'A dependency is unavailable', {
      detail: `${dependency} is not reachable right now; retry in a moment. Nothing was changed by this request.`,
      cause,
    });
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
