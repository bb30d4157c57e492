import { runOneShot } from './one-shot';

/** What the Prisma CLI does with a failed one-shot command's stderr: drop line 1, JSON-parse the rest. */
function parseLikeTheCli(stderr: string): unknown[] {
  return stderr
    .replace(/\n$/, '')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => JSON.parse(line) as unknown);
}

describe('runOneShot', () => {
  it('reports an unreachable server as P1001 in the format the CLI parses', async () => {
    let stderr = '';
    // Port 1 on loopback: refused immediately, no network involved.
    const datasource = JSON.stringify({ url: 'postgresql://u:p@127.0.0.1:1/db' });
    const code = await runOneShot('can-connect-to-database', datasource, (text) => (stderr += text));
    expect(code).toBe(1);
    expect(parseLikeTheCli(stderr)).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        target: 'schema_engine::logger',
        fields: expect.objectContaining({ error_code: 'P1001', message: expect.stringContaining('127.0.0.1:1') }),
      }),
    ]);
  });

  it('reports other failures without an error code', async () => {
    let stderr = '';
    const code = await runOneShot('frobnicate', JSON.stringify({ url: 'postgresql://u@h/db' }), (t) => (stderr += t));
    expect(code).toBe(1);
    expect(parseLikeTheCli(stderr)).toEqual([
      expect.objectContaining({ level: 'ERROR', fields: { message: 'Unknown cli command: frobnicate' } }),
    ]);
  });
});
