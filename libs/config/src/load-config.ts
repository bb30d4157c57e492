import { z } from 'zod';

/**
 * Configuration is read from the environment exactly once, at start-up, validated against a schema, and then
 * injected. A bad or missing variable stops the process with a message naming every offending variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = env[name];
    return value === undefined ? `${name} is missing: ${issue.message}` : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

/** Common variable shapes, so every service spells them the same way. */
export const env = {
  port: (fallback?: number) =>
    fallback === undefined
      ? z.coerce.number().int().min(1).max(65535)
      : z.coerce.number().int().min(1).max(65535).default(fallback),
  url: () => z.string().url(),
  postgresUrl: () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  temporalAddress: () =>
    z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'must be host:port')
      .default('127.0.0.1:7233'),
  nonEmpty: () => z.string().min(1),
};

/**
 * The settings every HTTP service reads, under the same names everywhere, so an operator configures rate limits
 * or the token key once for all services.
 */
export function serviceSettings(defaultPort: number) {
  return {
    PORT: env.port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: env.postgresUrl(),
    LOG_LEVEL: env.logLevel(),
    /** Ed25519 public key (SPKI PEM) that verifies the access tokens agency-service signs. */
    AUTH_PUBLIC_KEY_FILE: env.nonEmpty(),
    /**
     * The dispute worker's own Ed25519 public key (SPKI PEM): verifies its `workflow-engine` tokens. Optional: a
     * service without it refuses every workflow-engine token (and still serves staff).
     */
    WORKFLOW_ENGINE_PUBLIC_KEY_FILE: env.nonEmpty().optional(),
    /** Requests per minute from one client address (counted before authentication). */
    RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Requests per minute from one signed-in staff member. */
    RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  };
}
