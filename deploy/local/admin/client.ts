/** How the admin CLI reaches case-service's admin API: configuration, sign-in, requests, problems in words. */
import { stackTarget } from '../cli/stack-target';

export interface CliConfig {
  caseServiceUrl: string;
  agencyServiceUrl: string;
  token: string | undefined;
}

/** The environment, read once: the stack `npm start` runs unless told otherwise (see stack-target.ts). */
export function loadCliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const { caseServiceUrl, agencyServiceUrl } = stackTarget(env);
  return { caseServiceUrl, agencyServiceUrl, token: env.GONGZHI_ADMIN_TOKEN || undefined };
}

export class CliError extends Error {}

/** The password of every demo account `npm start` seeds. */
const DEMO_PASSWORD = 'gongzhi-demo';

function isLocal(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/** fetch, with an unreachable service said in words. */
async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new CliError(`Cannot reach ${new URL(url).origin}: is the stack running (npm start), or the URL right?`);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return text;
  }
}

function problemText(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const problem = body as { title?: unknown; detail?: unknown; errors?: unknown };
    // Field-level complaints, one per line: what to change in the command.
    const fields = Array.isArray(problem.errors)
      ? (problem.errors as { path?: unknown; message?: unknown }[])
          .map((issue) => `\n  ${String(issue.path ?? '')}: ${String(issue.message ?? '')}`)
          .join('')
      : '';
    return `${status} ${String(problem.title ?? '')}${problem.detail ? `: ${String(problem.detail)}` : ''}${fields}`;
  }
  return `${status} ${String(body ?? '')}`;
}

export async function signIn(
  config: CliConfig,
  user: string | undefined,
  password: string | undefined,
): Promise<string> {
  if (config.token) return config.token;
  return logIn(config.agencyServiceUrl, user ?? 'admin', password);
}

/**
 * Signs in at agency-service and answers the access token. Without a password, the demo accounts' (local stacks
 * only: a real deployment's passwords are never guessed).
 */
export async function logIn(agencyServiceUrl: string, username: string, password: string | undefined): Promise<string> {
  if (!password && !isLocal(agencyServiceUrl)) {
    throw new CliError(
      `${agencyServiceUrl} is not a local stack, where the demo password works: pass --password (npm run admin also takes GONGZHI_ADMIN_TOKEN).`,
    );
  }
  const response = await call(`${agencyServiceUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: password ?? DEMO_PASSWORD }),
  });
  const body = await readJson(response);
  if (!response.ok) throw new CliError(`Signing in as ${username} failed: ${problemText(response.status, body)}`);
  const token = (body as { accessToken?: unknown }).accessToken;
  if (typeof token !== 'string') throw new CliError('Signing in answered without an access token.');
  return token;
}

export async function get<T>(config: CliConfig, token: string, path: string): Promise<T> {
  const response = await call(`${config.caseServiceUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await readJson(response);
  if (!response.ok) throw new CliError(`${path}: ${problemText(response.status, body)}`);
  return body as T;
}

/**
 * A change on case-service's admin API. The Idempotency-Key makes a retried command (after a timeout, say) do
 * nothing twice: the service answers the first result again.
 */
export async function send<T>(
  config: CliConfig,
  token: string,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  idempotencyKey: string,
): Promise<T> {
  const response = await call(`${config.caseServiceUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await readJson(response);
  if (!response.ok) throw new CliError(`${method} ${path}: ${problemText(response.status, answer)}`);
  return answer as T;
}
