import { PassThrough } from 'node:stream';
import { JsonRpcPeer, RPC_METHOD_NOT_FOUND, RpcMethodNotFoundError, type RequestHandler } from './rpc';

/** A peer wired to in-memory streams; `sent` collects every JSON line it writes. */
function harness(handler: RequestHandler) {
  const input = new PassThrough();
  const output = new PassThrough();
  const sent: unknown[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      sent.push(JSON.parse(buffer.slice(0, newline)));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  const peer = new JsonRpcPeer(input, output, handler, (error) =>
    error instanceof RpcMethodNotFoundError
      ? { code: RPC_METHOD_NOT_FOUND, message: error.message }
      : { code: 1, message: error instanceof Error ? error.message : 'unknown' },
  );
  const send = (message: unknown) => input.write(`${JSON.stringify(message)}\n`);
  /** Resolves once `count` messages have been written by the peer. */
  const written = async (count: number) => {
    while (sent.length < count) await new Promise<void>((wake) => waiters.push(wake));
  };
  return { peer, input, sent, send, written };
}

describe('JsonRpcPeer', () => {
  it('answers requests in order, with null for results that are undefined', async () => {
    const { peer, input, sent, send } = harness(async (method) => (method === 'nothing' ? undefined : { method }));
    const served = peer.serve();
    send({ jsonrpc: '2.0', id: 1, method: 'first', params: {} });
    send({ jsonrpc: '2.0', id: 2, method: 'nothing' });
    input.end();
    await served;
    expect(sent).toEqual([
      { jsonrpc: '2.0', id: 1, result: { method: 'first' } },
      { jsonrpc: '2.0', id: 2, result: null },
    ]);
  });

  it('reports handler failures as JSON-RPC errors', async () => {
    const { peer, input, sent, send } = harness(async (method) => {
      throw new RpcMethodNotFoundError(method);
    });
    const served = peer.serve();
    send({ jsonrpc: '2.0', id: 7, method: 'nope' });
    input.end();
    await served;
    expect(sent).toEqual([
      { jsonrpc: '2.0', id: 7, error: { code: RPC_METHOD_NOT_FOUND, message: 'Method not found: nope' } },
    ]);
  });

  it('can ask the peer something while it is answering a request (the `print` round trip)', async () => {
    const self: { peer?: JsonRpcPeer } = {};
    const { peer, input, sent, send, written } = harness(async () => {
      await self.peer?.request('print', { content: 'SQL' });
      return { exitCode: 0 };
    });
    self.peer = peer;
    const served = peer.serve();
    send({ jsonrpc: '2.0', id: 1, method: 'diff', params: {} });
    await written(1);
    expect(sent[0]).toEqual({ jsonrpc: '2.0', id: 1, method: 'print', params: { content: 'SQL' } });
    send({ jsonrpc: '2.0', id: 1, result: {} });
    await written(2);
    input.end();
    await served;
    expect(sent[1]).toEqual({ jsonrpc: '2.0', id: 1, result: { exitCode: 0 } });
  });

  it('answers malformed lines with a parse error and keeps serving', async () => {
    const { peer, input, sent, send } = harness(async () => 'ok');
    const served = peer.serve();
    input.write('not json\n');
    send({ jsonrpc: '2.0', id: 3, method: 'x' });
    input.end();
    await served;
    expect(sent).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } },
      { jsonrpc: '2.0', id: 3, result: 'ok' },
    ]);
  });
});
