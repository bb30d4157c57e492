import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, PROBLEM_TYPES, type ProblemDetails, problemTypeUri } from '@gongzhi/errors';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { type RefusalAudit, refusalEntry } from './refusal-audit';
import { zodIssuesToFieldIssues } from './validation';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Errors raised by Express's body parser carry a `type` and a `status`; they are the caller's fault. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

function fromBodyParser(error: BodyParserError): AppError {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(400, PROBLEM_TYPES.malformedJson, 'Malformed JSON', {
        detail: 'The request body is not valid JSON: check quotes, commas and brackets.',
      });
    case 'entity.too.large':
      return new AppError(413, PROBLEM_TYPES.payloadTooLarge, 'Request body too large', {
        detail: 'The request body exceeds the limit of this API (100 kB): send less data per request.',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, PROBLEM_TYPES.unsupportedMediaType, 'Unsupported encoding', {
        detail: 'Send the body as UTF-8 JSON.',
      });
    default:
      return new AppError(400, PROBLEM_TYPES.validation, 'The request could not be read', {
        detail: 'The request body could not be read: send UTF-8 JSON with Content-Type: application/json.',
      });
  }
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError(400, PROBLEM_TYPES.validation, 'The request is not valid', {
      detail: 'Some fields are missing or wrong: see `errors`.',
      errors: zodIssuesToFieldIssues(error.issues),
    });
  }
  if (isBodyParserError(error) && error.status >= 400 && error.status < 500) return fromBodyParser(error);
  // The router decodes path parameters itself; a malformed %-sequence there is the caller's, like any other.
  if (error instanceof URIError) {
    return new AppError(400, PROBLEM_TYPES.validation, 'The request is not valid', {
      detail: 'The URL path is not valid percent-encoding: encode each reserved byte as %XX (UTF-8).',
      errors: [{ path: '(path)', message: 'malformed percent-encoding' }],
    });
  }
  return undefined;
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

function instanceOf(req: Request): string {
  return req.originalUrl.split('?')[0] ?? req.originalUrl;
}

/**
 * The single place where errors become RFC 9457 responses. Unknown errors are logged, never shown. With `refusals`,
 * a signed-in caller's 403 or 404 on an object is audited before the problem is sent.
 */
export function problemMiddleware(
  logger: Logger,
  mapError?: (error: unknown) => AppError | undefined,
  refusals?: RefusalAudit,
): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = toAppError(error) ?? mapError?.(error);
    if (appError) {
      if (appError.status >= 500) logger.warn({ err: appError, requestId: req.requestId }, appError.title);
      const problem = appError.toProblem(instanceOf(req), req.requestId);
      const refusal = refusals ? refusalEntry(req, appError.status, refusals.actorOf(req)) : undefined;
      if (!refusals || !refusal) {
        sendProblem(res, problem);
        return;
      }
      // The refusal stands whether or not its record could be written; a failed write is ours to look into.
      refusals.trail.record(refusal).then(
        () => sendProblem(res, problem),
        (auditError: unknown) => {
          logger.error({ err: auditError, requestId: req.requestId }, 'could not audit a refused request');
          sendProblem(res, problem);
        },
      );
      return;
    }
    logger.error({ err: error, requestId: req.requestId }, 'unhandled error');
    sendProblem(res, {
      type: problemTypeUri(PROBLEM_TYPES.internal),
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id when you report it.',
      instance: instanceOf(req),
      requestId: req.requestId,
    });
  };
}

/** Catch-all for unknown routes, so a typo in a URL gets a problem document and not Express's HTML page. */
export const routeNotFound: RequestHandler = (req, res) => {
  sendProblem(res, {
    type: problemTypeUri(PROBLEM_TYPES.routeNotFound),
    title: 'No such route',
    status: 404,
    detail: `${req.method} ${instanceOf(req)} does not exist: see /openapi.json for the routes this service offers.`,
    instance: instanceOf(req),
    requestId: req.requestId,
  });
};

/** Writes with a body must say they are JSON; anything else gets 415 instead of being silently ignored. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (
    ['POST', 'PUT', 'PATCH'].includes(req.method) &&
    (hasBody || chunked) &&
    !req.is(['application/json', 'application/*+json'])
  ) {
    next(
      new AppError(415, PROBLEM_TYPES.unsupportedMediaType, 'Unsupported media type', {
        detail: 'Send the body as JSON with Content-Type: application/json.',
      }),
    );
    return;
  }
  next();
};
