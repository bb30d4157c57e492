import { ArgsError, parseArgs } from './args';

describe('parseArgs', () => {
  it('reads the JSON-RPC invocation the CLI uses', () => {
    expect(
      parseArgs([
        '--datamodels',
        'prisma/a.prisma',
        '--datamodels',
        'prisma/b.prisma',
        '--datasource',
        '{"url":"postgresql://u@h/db"}',
        '--enabled-preview-features',
        'views,relationJoins',
        '--extension-types',
        '{"types":[]}',
      ]),
    ).toEqual({
      mode: 'rpc',
      datamodelPaths: ['prisma/a.prisma', 'prisma/b.prisma'],
      datasource: '{"url":"postgresql://u@h/db"}',
      previewFeatures: ['views', 'relationJoins'],
    });
  });

  it('reads the one-shot invocation', () => {
    expect(parseArgs(['--datasource', '{"url":"x"}', 'cli', 'create-database'])).toEqual({
      mode: 'one-shot',
      command: 'create-database',
      datasource: '{"url":"x"}',
    });
  });

  it('answers --version', () => {
    expect(parseArgs(['--version'])).toEqual({ mode: 'version' });
  });

  it('rejects unknown flags and missing values', () => {
    expect(() => parseArgs(['--nope'])).toThrow(ArgsError);
    expect(() => parseArgs(['--datasource'])).toThrow(ArgsError);
    expect(() => parseArgs(['cli'])).toThrow(ArgsError);
  });
});
