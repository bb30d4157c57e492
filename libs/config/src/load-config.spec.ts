import { z } from 'zod';
import { ConfigError, env, loadConfig } from './load-config';

const schema = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.postgresUrl(),
  LOG_LEVEL: env.logLevel(),
});

describe('loadConfig', () => {
  it('parses and applies defaults', () => {
    const config = loadConfig('case-service', schema, { DATABASE_URL: 'postgresql://a@127.0.0.1/case' });
    expect(config).toEqual({ PORT: 3000, DATABASE_URL: 'postgresql://a@127.0.0.1/case', LOG_LEVEL: 'info' });
  });

  it('names every bad variable at once, so one restart fixes them all', () => {
    let error: unknown;
    try {
      loadConfig('case-service', schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('case-service: invalid configuration');
    expect(message).toContain('PORT is invalid');
    expect(message).toContain('DATABASE_URL is invalid: must be a postgresql:// connection URL');
  });

  it('says a required variable is missing rather than invalid', () => {
    expect(() => loadConfig('case-service', schema, {})).toThrow(/DATABASE_URL is missing/);
  });
});
