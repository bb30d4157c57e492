import { DatasourceArgError, parseDatasourceArg, parsePostgresUrl, toPoolConfig } from './datasource';

describe('parsePostgresUrl', () => {
  it('splits a URL into discrete fields, decoding credentials', () => {
    const target = parsePostgresUrl('postgresql://app%40x:p%2Fw@db.local:6543/cases?schema=tenant&connect_timeout=2');
    expect(target).toMatchObject({
      host: 'db.local',
      port: 6543,
      user: 'app@x',
      password: 'p/w',
      database: 'cases',
      schema: 'tenant',
      connectTimeoutMs: 2000,
    });
  });

  it('applies Prisma defaults', () => {
    expect(parsePostgresUrl('postgres://u@localhost')).toMatchObject({
      port: 5432,
      database: 'postgres',
      schema: 'public',
      password: undefined,
      connectTimeoutMs: 5000,
    });
  });

  it('takes a Unix socket directory from ?host=', () => {
    expect(parsePostgresUrl('postgresql://u@localhost/db?host=/run/postgresql').host).toBe('/run/postgresql');
  });

  it('refuses other databases', () => {
    expect(() => parsePostgresUrl('mysql://u@h/db')).toThrow(DatasourceArgError);
  });
});

describe('toPoolConfig', () => {
  it('never uses a connection string, so a database override wins', () => {
    const config = toPoolConfig(parsePostgresUrl('postgresql://u:p@h:1/main'), 'shadow');
    expect(config.connectionString).toBeUndefined();
    expect(config.database).toBe('shadow');
  });

  it('turns ?schema= into the search_path', () => {
    expect(toPoolConfig(parsePostgresUrl('postgresql://u@h/db?schema=tenant_a')).options).toBe(
      '-c search_path="tenant_a"',
    );
    expect(toPoolConfig(parsePostgresUrl('postgresql://u@h/db')).options).toBeUndefined();
  });
});

describe('parseDatasourceArg', () => {
  it('reads url and shadowDatabaseUrl', () => {
    expect(parseDatasourceArg('{"url":"postgresql://a","shadowDatabaseUrl":"postgresql://b"}')).toEqual({
      url: 'postgresql://a',
      shadowDatabaseUrl: 'postgresql://b',
    });
  });

  it('explains a missing url', () => {
    expect(() => parseDatasourceArg('{}')).toThrow(/datasource\.url/);
  });
});
