import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';

export interface RunningService {
  url: string;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish, then runs the shutdown hooks. */
  close(): Promise<void>;
}

export interface RunServiceOptions {
  app: Express;
  port: number;
  host?: string;
  logger: Logger;
  /** Run after the server stopped taking requests: disconnect databases, clients, producers. */
  onShutdown?: (() => Promise<void>)[];
  /** Handle SIGTERM/SIGINT by closing gracefully and exiting. Off in tests that own the lifecycle. */
  handleSignals?: boolean;
  /** How long in-flight requests get before the process gives up on them. */
  shutdownGraceMs?: number;
}

export async function runHttpService(options: RunServiceOptions): Promise<RunningService> {
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = options.app.listen(options.port, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
    listening.once('error', reject);
  });
  // Keep-alive sockets would hold `close()` open; the grace period bounds how long we wait for them.
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  options.logger.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const grace = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(grace);
      for (const hook of options.onShutdown ?? []) {
        try {
          await hook();
        } catch (error) {
          options.logger.warn({ err: error }, 'shutdown hook failed');
        }
      }
      options.logger.info('stopped');
    })();
    return closing;
  };

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        options.logger.info({ signal }, 'shutting down');
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  return { url, server, close };
}
