import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('redacts ID numbers, phones and credentials wherever code logs them by hand', () => {
    const { lines, stream } = capture();
    const logger = createLogger('party-service', 'info', stream);
    logger.info(
      {
        idNumber: '110101199003078515',
        party: { phone: '13800138000', address: '上坝村3组' },
        req: { headers: { authorization: 'Bearer abc' } },
      },
      'party created',
    );
    const output = lines.join('');
    expect(output).toContain('party created');
    expect(output).not.toContain('110101199003078515');
    expect(output).not.toContain('13800138000');
    expect(output).not.toContain('上坝村');
    expect(output).not.toContain('Bearer abc');
    expect(output).toContain('[redacted]');
  });

  it('tags every line with the service name', () => {
    const { lines, stream } = capture();
    createLogger('case-service', 'info', stream).info('hello');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ service: 'case-service', msg: 'hello' });
  });
});
