import { createInterface } from 'node:readline';
import { type Readable, type Writable } from 'node:stream';

/**
 * JSON-RPC 2.0 over a pair of streams, one JSON object per line: the transport between the Prisma CLI and its schema
 * engine. Both sides send requests: the CLI calls engine methods, the engine asks the CLI to `print`.
 */

export type RpcId = number | string;

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** Standard JSON-RPC codes, plus the one the native engine uses for every engine-level failure. */
export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_ENGINE_ERROR = 4466;

export class RpcMethodNotFoundError extends Error {
  override readonly name = 'RpcMethodNotFoundError';
  constructor(readonly method: string) {
    super(`Method not found: ${method}`);
  }
}

/** Handles one request from the peer; whatever it throws goes through `toErrorObject`. */
export type RequestHandler = (method: string, params: unknown) => Promise<unknown>;

interface IncomingRequest {
  id: RpcId | undefined;
  method: string;
  params: unknown;
}

interface IncomingResponse {
  id: RpcId;
  result?: unknown;
  error?: unknown;
}

type Incoming = { kind: 'request'; message: IncomingRequest } | { kind: 'response'; message: IncomingResponse };

function isId(value: unknown): value is RpcId {
  return typeof value === 'number' || typeof value === 'string';
}

export function classifyMessage(value: unknown): Incoming | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id: unknown = Reflect.get(value, 'id');
  const method: unknown = Reflect.get(value, 'method');
  if (typeof method === 'string') {
    return {
      kind: 'request',
      message: { id: isId(id) ? id : undefined, method, params: Reflect.get(value, 'params') },
    };
  }
  if (isId(id) && ('result' in value || 'error' in value)) {
    return {
      kind: 'response',
      message: { id, result: Reflect.get(value, 'result'), error: Reflect.get(value, 'error') },
    };
  }
  return undefined;
}

interface PendingRequest {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

export class JsonRpcPeer {
  private nextId = 1;
  private readonly pending = new Map<RpcId, PendingRequest>();
  /** Requests run one at a time, in arrival order: the engine is single-threaded and stateful. */
  private queue: Promise<void> = Promise.resolve();
  private inFlight: { request: IncomingRequest; answered: boolean } | undefined;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly handler: RequestHandler,
    private readonly toErrorObject: (error: unknown) => RpcErrorObject,
  ) {}

  /** Serves requests until the input ends; resolves once every request received has been answered. */
  async serve(): Promise<void> {
    const lines = createInterface({ input: this.input, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      this.receive(line);
    }
    await this.queue;
    for (const pending of this.pending.values()) pending.reject(new Error('The peer closed the connection'));
    this.pending.clear();
  }

  /** Sends a request to the peer and waits for its response. */
  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  private receive(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.send({ jsonrpc: '2.0', id: null, error: { code: RPC_PARSE_ERROR, message: 'Parse error' } });
      return;
    }
    const incoming = classifyMessage(value);
    if (incoming === undefined) {
      this.send({ jsonrpc: '2.0', id: null, error: { code: RPC_INVALID_REQUEST, message: 'Invalid request' } });
      return;
    }
    if (incoming.kind === 'response') {
      this.settle(incoming.message);
      return;
    }
    const request = incoming.message;
    this.queue = this.queue.then(() => this.answer(request));
  }

  /**
   * Answers the request being handled with `error`, for failures that escape its promise (the Wasm glue throws
   * some, such as malformed params, from a callback). Returns whether there was such a request.
   */
  failInFlight(error: unknown): boolean {
    const current = this.inFlight;
    if (current === undefined || current.answered) return false;
    this.reply(current, { error: this.toErrorObject(error) });
    return true;
  }

  private async answer(request: IncomingRequest): Promise<void> {
    const current = { request, answered: false };
    this.inFlight = current;
    try {
      const result = await this.handler(request.method, request.params);
      // `undefined` would vanish from the JSON, and the CLI treats a response without `result` as malformed.
      this.reply(current, { result: result === undefined ? null : result });
    } catch (error) {
      this.reply(current, { error: this.toErrorObject(error) });
    } finally {
      if (this.inFlight === current) this.inFlight = undefined;
    }
  }

  private reply(current: { request: IncomingRequest; answered: boolean }, body: Record<string, unknown>): void {
    if (current.answered) return;
    current.answered = true;
    // Notifications (no id) get no response.
    if (current.request.id !== undefined) this.send({ jsonrpc: '2.0', ...body, id: current.request.id });
  }

  private settle(response: IncomingResponse): void {
    const pending = this.pending.get(response.id);
    if (pending === undefined) return;
    this.pending.delete(response.id);
    if (response.error !== undefined && response.error !== null) {
      pending.reject(new Error(`The peer answered with an error: ${JSON.stringify(response.error)}`));
    } else {
      pending.resolve(response.result);
    }
  }

  private send(message: Record<string, unknown>): void {
    this.output.write(`${JSON.stringify(message)}\n`);
  }
}
