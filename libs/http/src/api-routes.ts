import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { FIELD_ISSUE_CODES, ValidationError } from '@gongzhi/errors';
import { rememberRoute } from './refusal-audit';
import {
  callerGuard,
  type RouteCaller,
  type RouteIdempotency,
  type RoutePolicy,
  type RoutePolicyEnforcement,
} from './route-policy';
import { type InputPart, zodIssuesToFieldIssues } from './validation';

// The registry needs zod's `.openapi()` extension; contracts apply it too, and applying it twice is harmless.
extendZodWithOpenApi(z);

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A declared route as the route table lists it: where it is, and its policy. */
export interface RouteEntry extends RoutePolicy {
  method: Method;
  path: string;
  operationId: string;
}
type Output<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

/** What a handler returns: the body, plus a status and headers when the default won't do. */
export interface RouteResult<Body> {
  status?: number;
  body: Body;
  headers?: Record<string, string>;
}

export interface RouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> {
  method: Method;
  /** Express-style path, e.g. `/api/v1/cases/:id`; the OpenAPI path is derived from it. */
  path: string;
  operationId: string;
  summary: string;
  tags?: string[];
  params?: P;
  query?: Q;
  body?: B;
  response: { status: number; description: string; schema: R };
  /** Problem statuses this route can answer with, documented in the OpenAPI document. */
  problems?: number[];
  /** Extra request headers worth documenting, e.g. Idempotency-Key. */
  headers?: z.ZodObject;
  /** Who may call it, when not the route set's callers. */
  callers?: readonly RouteCaller[];
  /** How a retry is kept from acting twice (see RouteIdempotency); `none` when left out. */
  idempotency?: RouteIdempotency;
  /**
   * Reads a body that is not JSON (a document's bytes) into `req.body`. It runs after the route's guard, so a caller
   * the route does not serve cannot make the service read a large body.
   */
  readBody?: RequestHandler;
  handler: (input: {
    params: Output<P, Record<string, never>>;
    query: Output<Q, Record<string, never>>;
    body: Output<B, undefined>;
    req: Request;
    res: Response;
  }) => Promise<RouteResult<z.input<R>>>;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails validation',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  412: 'The resource changed since it was read',
  413: 'Request body too large',
  415: 'Body is not JSON',
  422: 'Idempotency key reused with a different request',
  429: 'Too many requests',
  503: 'A dependency is unavailable',
};

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: InputPart): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    `The ${where} is not valid: see \`errors\`.`,
    zodIssuesToFieldIssues(parsed.error.issues, where),
  );
}

/** The first step of every mounted route: enforceWith finds a route without one and refuses to start. */
const policyStepsMounted = new WeakSet<RequestHandler>();

/**
 * A router whose every route is declared once, with zod schemas that both validate the request at the edge and
 * describe it in the service's OpenAPI document. A route cannot exist without its documentation.
 */
export class ApiRoutes {
  readonly router: Router = express.Router();
  readonly registry = new OpenAPIRegistry();
  private readonly declared: RouteEntry[] = [];
  private enforcement: RoutePolicyEnforcement | undefined;
  /** RFC 9457 problem details, the body of every error response. */
  private readonly problemSchema = this.registry.register(
    'Problem',
    z.object({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      detail: z.string().optional(),
      instance: z.string().optional(),
      requestId: z.string().optional(),
      errors: z
        .array(
          z.object({
            path: z.string(),
            message: z.string(),
            code: z.enum(FIELD_ISSUE_CODES).optional(),
            limit: z.number().optional(),
          }),
        )
        .optional(),
    }),
  );

  /** `callers`: who may call the routes of this set, unless a route says otherwise. */
  constructor(private readonly defaults: { callers: readonly RouteCaller[] }) {}

  /** The routes declared so far, with their policies: the guards and the authorization matrix read them. */
  get routes(): readonly RouteEntry[] {
    return this.declared;
  }

  /**
   * Installs the service's way of enforcing the declared policies (createHttpApp does, for every set it mounts): a
   * set whose routes declare something the service cannot enforce refuses to start.
   */
  enforceWith(enforcement: RoutePolicyEnforcement): void {
    this.checkMountedRoutes();
    const replayed = this.routes.filter((route) => route.idempotency === 'replayed');
    if (replayed.length > 0 && !enforcement.replay) {
      throw new Error(
        `${replayed.map((route) => route.operationId).join(', ')} declare replayed answers, but the service has no Idempotency-Key middleware`,
      );
    }
    this.enforcement = enforcement;
  }

  /**
   * Every route on the router is a declared one, and its first step is its policy (so its guard runs before anything
   * else of it): a subclass that mounts a route another way cannot slip one past the guard or the route table.
   */
  private checkMountedRoutes(): void {
    for (const layer of this.router.stack) {
      const route = layer.route;
      if (!route) throw new Error('A route set mounts only routes: middleware of its own would run before the guards');
      for (const method of new Set(route.stack.map((step) => step.method))) {
        const where = `${method.toUpperCase()} ${String(route.path)}`;
        const declared = this.declared.some((entry) => entry.method === method && entry.path === route.path);
        if (!declared) throw new Error(`${where} is mounted but not declared in the route table`);
        const first = route.stack.find((step) => step.method === method);
        if (!first || !policyStepsMounted.has(first.handle)) {
          throw new Error(`${where} is mounted without its policy steps first`);
        }
      }
    }
  }

  /** A route's policy, from its declaration and the set's defaults; a contradiction is a programming error. */
  protected policyOf(route: {
    method: Method;
    operationId: string;
    callers?: readonly RouteCaller[] | undefined;
    idempotency?: RouteIdempotency | undefined;
    headers?: z.ZodObject | undefined;
  }): RoutePolicy {
    const callers = route.callers ?? this.defaults.callers;
    const idempotency = route.idempotency ?? 'none';
    const documentsKey = route.headers !== undefined && 'idempotency-key' in route.headers.shape;
    if (callers.length === 0) throw new Error(`${route.operationId}: declare who may call it`);
    if (callers.includes('public') && callers.length > 1) {
      throw new Error(`${route.operationId}: a public route is public to everyone; declare only 'public'`);
    }
    if (documentsKey !== (idempotency !== 'none')) {
      throw new Error(
        `${route.operationId}: ${documentsKey ? 'documents the Idempotency-Key header but declares no idempotency' : `declares ${idempotency} idempotency but does not document the Idempotency-Key header`}`,
      );
    }
    if (callers.includes('public') && idempotency !== 'none') {
      // A public route's answers (signing in, refreshing) carry tokens: none may be stored, nor keyed by nobody.
      throw new Error(`${route.operationId}: a public route keeps no answer for a retried Idempotency-Key`);
    }
    if (idempotency === 'replayed' && route.method !== 'post') {
      throw new Error(`${route.operationId}: only a POST is replayed (the middleware acts on POSTs)`);
    }
    return { callers, idempotency };
  }

  /**
   * The steps every route runs before its own: the route is remembered (a refusal's audit row names what was tried),
   * its caller guard runs, then (for a replayed route) the replay middleware.
   */
  protected policySteps(policy: RoutePolicy, route: { operationId: string; path: string }): RequestHandler {
    const { operationId, path } = route;
    /** The guard for the enforcement installed, built once rather than on every request. */
    let guarded: { enforcement: RoutePolicyEnforcement; guard: RequestHandler } | undefined;
    const steps: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
      rememberRoute(req, path);
      const enforcement = this.enforcement;
      if (!enforcement) {
        next(new Error(`${operationId}: its route set was mounted without enforcing its policy`));
        return;
      }
      if (guarded?.enforcement !== enforcement) guarded = { enforcement, guard: callerGuard(policy, enforcement) };
      guarded.guard(req, res, (error?: unknown) => {
        if (error !== undefined || policy.idempotency !== 'replayed' || !enforcement.replay) {
          next(error);
          return;
        }
        enforcement.replay(req, res, next);
      });
    };
    policyStepsMounted.add(steps);
    return steps;
  }

  /**
   * The problem statuses a route documents, in order: every route can refuse bad input (400); a route that is not
   * public also refuses a missing token (401) and any caller its declaration does not serve (403, from the guard),
   * whatever its own list says.
   */
  protected problemStatuses(policy: RoutePolicy, problems: readonly number[] = []): number[] {
    const guarded = policy.callers.includes('public') ? [] : [401, 403];
    return [...new Set([400, ...guarded, ...problems])].sort((a, b) => a - b);
  }

  /** Records a route in the table (for sets that mount a route of their own kind, like downloads). */
  protected declare(entry: RouteEntry): void {
    if (this.declared.some((known) => known.operationId === entry.operationId)) {
      throw new Error(`${entry.operationId} is declared twice`);
    }
    this.declared.push(entry);
  }

  add<
    P extends z.ZodType | undefined,
    Q extends z.ZodType | undefined,
    B extends z.ZodType | undefined,
    R extends z.ZodType,
  >(spec: RouteSpec<P, Q, B, R>): this {
    const policy = this.policyOf(spec);
    this.declare({ method: spec.method, path: spec.path, operationId: spec.operationId, ...policy });
    this.registerOpenApi(spec, policy);
    this.router[spec.method](
      spec.path,
      this.policySteps(policy, spec),
      ...(spec.readBody ? [spec.readBody] : []),
      async (req: Request, res: Response) => {
        const params = spec.params ? parseOrThrow(spec.params, req.params, 'path') : {};
        const query = spec.query ? parseOrThrow(spec.query, req.query, 'query string') : {};
        let body: unknown = undefined;
        if (spec.body) {
          if (req.body === undefined) throw new ValidationError('This request needs a JSON body.');
          body = parseOrThrow(spec.body, req.body, 'request body');
        }
        const result = await spec.handler({
          params: params as Output<P, Record<string, never>>,
          query: query as Output<Q, Record<string, never>>,
          body: body as Output<B, undefined>,
          req,
          res,
        });
        for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
        res.status(result.status ?? spec.response.status).json(result.body);
      },
    );
    return this;
  }

  private registerOpenApi<
    P extends z.ZodType | undefined,
    Q extends z.ZodType | undefined,
    B extends z.ZodType | undefined,
    R extends z.ZodType,
  >(spec: RouteSpec<P, Q, B, R>, policy: RoutePolicy): void {
    const problemResponse = (status: number) => ({
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
      content: { 'application/problem+json': { schema: this.problemSchema } },
    });
    const problems = this.problemStatuses(policy, spec.problems);
    this.registry.registerPath({
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      operationId: spec.operationId,
      summary: spec.summary,
      tags: spec.tags ?? [],
      request: {
        ...(spec.params ? { params: spec.params as unknown as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as unknown as z.ZodObject } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses: {
        [spec.response.status]: {
          description: spec.response.description,
          content: { 'application/json': { schema: spec.response.schema } },
        },
        ...Object.fromEntries(problems.map((status) => [status, problemResponse(status)])),
      },
    });
  }
}

export type OpenApiInfo = Parameters<OpenApiGeneratorV31['generateDocument']>[0]['info'];

/** The OpenAPI 3.1 document of everything registered on the given route sets. */
export function buildOpenApiDocument(
  info: OpenApiInfo,
  routeSets: ApiRoutes[],
): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const definitions = routeSets.flatMap((routes) => routes.registry.definitions);
  const document = new OpenApiGeneratorV31(definitions).generateDocument({
    openapi: '3.1.0',
    info,
  });
  return nullableRefsAsAnyOf(document);
}

/**
 * zod-to-openapi writes a nullable registered schema as `allOf: [{$ref}, {type: [..., 'null']}]`, which no null can
 * satisfy (the referenced object schema must hold too): clients typed from the document would never expect the null
 * the service sends. Rewritten as `anyOf: [{$ref}, {type: 'null'}]`, the 3.1 spelling of "this schema or null".
 */
export function nullableRefsAsAnyOf<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => nullableRefsAsAnyOf(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const { allOf, ...siblings } = node as Record<string, unknown>;
  const rewritten = Object.fromEntries(
    Object.entries(siblings).map(([key, value]) => [key, nullableRefsAsAnyOf(value)]),
  );
  if (Array.isArray(allOf) && allOf.length === 2) {
    const [ref, nullable] = allOf as [Record<string, unknown>, Record<string, unknown>];
    const type = nullable['type'];
    const onlyType = Object.keys(nullable).length === 1 && Array.isArray(type) && type.includes('null');
    if (typeof ref['$ref'] === 'string' && Object.keys(ref).length === 1 && onlyType) {
      return { ...rewritten, anyOf: [ref, { type: 'null' }] } as T;
    }
  }
  return (allOf === undefined ? rewritten : { ...rewritten, allOf: nullableRefsAsAnyOf(allOf) }) as T;
}
