import { z } from 'zod';
import { ConfigError, env, loadConfig, serviceSettings } from './load-config';

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

describe('serviceSettings', () => {
  const schema = z.object(serviceSettings(3003));
  const required = { DATABASE_URL: 'postgresql://a@127.0.0.1/agency', AUTH_PUBLIC_KEY_FILE: '/keys/auth.pub.pem' };

  it('leaves the workflow engine key out unless it is configured', () => {
    expect(loadConfig('agency-service', schema, required).WORKFLOW_ENGINE_PUBLIC_KEY_FILE).toBeUndefined();
    const withKey = loadConfig('agency-service', schema, {
      ...required,
      WORKFLOW_ENGINE_PUBLIC_KEY_FILE: '/keys/worker.pub.pem',
    });
    expect(withKey.WORKFLOW_ENGINE_PUBLIC_KEY_FILE).toBe('/keys/worker.pub.pem');
  });

  it('refuses an empty workflow engine key path rather than silently refusing the worker', () => {
    expect(() => loadConfig('agency-service', schema, { ...required, WORKFLOW_ENGINE_PUBLIC_KEY_FILE: '' })).toThrow(
      /WORKFLOW_ENGINE_PUBLIC_KEY_FILE is invalid/,
    );
  });
});
