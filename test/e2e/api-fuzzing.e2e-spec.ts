/**
 * Every route of every service, fuzzed from its own OpenAPI document on the real stack, with the tokens of each
 * role, the workflow engine's and none: no answer is a 5xx, an error is always an RFC 9457 problem with no stack
 * trace, a success matches the schema its route documents, and no process restarts. Each route also gets the
 * hostile requests of openapi-fuzz.ts. The seed is printed (and read from FUZZ_SEED), so a failure can be replayed.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { createServiceTokenSource } from '@gongzhi/auth';
import { serviceUrl } from '@gongzhi/testing/apps';
import {
  type FuzzRequest,
  hostileRequestsFor,
  type OpenApiDocument,
  requestsFor,
  type Route,
  routesOf,
} from './support/openapi-fuzz';
import { type AppName, TownStack } from './support/town-stack';

const SERVICES = ['agency', 'case', 'party', 'statistics'] as const;
type Service = (typeof SERVICES)[number];
const STAFF = ['grid.shangba', 'mediator.shangba', 'liaison.police', 'coordinator', 'admin'];
/** Generated requests per route and run; `FUZZ_RUNS` raises it for a longer search. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2_147_483_647);

const stack = new TownStack();
const documents = new Map<Service, OpenApiDocument>();
let tokens: (string | null)[] = [];

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

interface Finding {
  service: Service;
  operationId: string;
  request: string;
  problem: string;
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+|node_modules\/|\.ts:\d+:\d+|Error: .+\n/;

beforeAll(async () => {
  const apps: AppName[] = ['agency-service', 'party-service', 'case-service', 'statistics-service', 'dispute-worker'];
  // The limits would answer most of the run with 429 (documented, but no deeper look at the route).
  await stack.start(
    apps,
    { agency: 24091, party: 24092, case: 24093, statistics: 24094 },
    {
      env: { RATE_LIMIT_PER_IP_PER_MINUTE: '1000000', RATE_LIMIT_PER_USER_PER_MINUTE: '1000000' },
    },
  );
  const staff = await Promise.all(STAFF.map((username) => stack.login(username)));
  const engine = await createServiceTokenSource({
    privateKeyPem: readFileSync(stack.env.secrets.workerPrivateKeyFile, 'utf8'),
    ttlSeconds: 900,
  });
  tokens = [...staff.map((member) => member.token), await engine.token(), null];
  for (const service of SERVICES) {
    const res = await fetch(`${serviceUrl(stack.env, service)}/openapi.json`);
    documents.set(service, (await res.json()) as OpenApiDocument);
  }
  console.log(`api fuzzing: seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${RUNS} requests per route`);
});

afterAll(() => stack.stop());

/**
 * Sends a request exactly as made: node:http keeps the path as written, where a URL client would resolve `.` and `..`
 * segments (even escaped) and send another route than the one fuzzed.
 */
function send(service: Service, request: FuzzRequest): Promise<Answer> {
  const base = new URL(serviceUrl(stack.env, service));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, method: request.method, path: request.url, headers: request.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);

/** What is wrong with an answer, or null. `documentedOnly`: the status must be one the route documents. */
function problemWith(route: Route, document: OpenApiDocument, answer: Answer, documentedOnly: boolean): string | null {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  if (STACK_TRACE.test(answer.text)) return `a stack trace in the answer (${answer.status})`;
  const documented = route.operation.responses[String(answer.status)];
  if (documentedOnly && !documented) return `answered ${answer.status}, which the route does not document`;
  if (answer.status >= 400) {
    if (!answer.contentType.startsWith('application/problem+json')) {
      return `error ${answer.status} as ${answer.contentType}, not a problem`;
    }
    const problem = JSON.parse(answer.text) as { type?: unknown; title?: unknown; status?: unknown };
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== answer.status) {
      return `error ${answer.status} is not a complete problem: ${answer.text.slice(0, 200)}`;
    }
    return null;
  }
  const schema = documented?.content?.['application/json']?.schema;
  if (!schema || !answer.contentType.startsWith('application/json')) return null;
  const validate = ajv.compile({ ...schema, components: document.components });
  if (!validate(JSON.parse(answer.text))) {
    return `answer ${answer.status} breaks its schema: ${ajv.errorsText(validate.errors).slice(0, 300)}`;
  }
  return null;
}

function described(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` ${request.body.slice(0, 300)}`;
  const who = request.headers['authorization'] ? 'with a token' : 'without a token';
  return `${request.method} ${request.url.slice(0, 300)} ${who}${body}`;
}

describe.each(SERVICES)('%s-service under fuzzing', (service) => {
  it('answers every generated and hostile request with a documented, well-formed answer, and stays up', async () => {
    const document = documents.get(service);
    if (!document) throw new Error(`no OpenAPI document for ${service}-service`);
    const routes = routesOf(document);
    expect(routes.length).toBeGreaterThan(0);
    const findings: Finding[] = [];
    const app = stack.app(`${service}-service`).child;

    for (const route of routes) {
      const requests = fc.constantFrom(...tokens).chain((token) => requestsFor(route, document, token));
      const result = await fc.check(
        fc.asyncProperty(requests, async (request) => {
          const problem = problemWith(route, document, await send(service, request), true);
          if (problem) throw new Error(problem);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (result.failed) {
        const [request] = result.counterexample ?? [];
        findings.push({
          service,
          operationId: route.operation.operationId,
          request: request ? described(request) : '?',
          problem: result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance),
        });
      }
      for (const token of tokens.filter((each): each is string => each !== null)) {
        for (const request of hostileRequestsFor(route, token)) {
          const problem = problemWith(route, document, await send(service, request), false);
          if (problem)
            findings.push({ service, operationId: route.operation.operationId, request: described(request), problem });
        }
      }
    }

    expect(findings).toEqual([]);
    // Still the process the run started with: nothing crashed it (the stack does not restart anything by itself).
    expect([app.exitCode, app.signalCode]).toEqual([null, null]);
  });
});
