import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createLogger } from './logger';

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

/** What a service process serves, and what it must close on the way out (in order, after the server stopped). */
export interface ServiceProcess {
  app: Express;
  onShutdown?: (() => Promise<void>)[];
}

/** The configuration every service process reads: where it listens, and how much it logs. */
export interface ServiceProcessConfig {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
}

/**
 * A service process's start-up, the same for every service: read the configuration (a bad one says which variable and
 * why), make the logger, build what the service serves, listen, and close gracefully on SIGTERM/SIGINT. A failure to
 * start prints its reason — never a stack trace — and exits 1, so a supervisor (or `npm start`) sees it and says it.
 */
export function startServiceProcess<C extends ServiceProcessConfig>(
  name: string,
  loadConfig: () => C,
  build: (started: { config: C; logger: Logger }) => Promise<ServiceProcess>,
): void {
  const start = async (): Promise<void> => {
    const config = loadConfig();
    const logger = createLogger(name, config.LOG_LEVEL);
    const { app, onShutdown = [] } = await build({ config, logger });
    await runHttpService({ app, port: config.PORT, host: config.HOST, logger, onShutdown });
  };
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/** The readiness check of a service's own database: it answers a query. */
export function databaseReadiness(db: {
  $queryRaw(query: TemplateStringsArray): PromiseLike<unknown>;
}): Record<'database', () => Promise<void>> {
  return {
    database: async () => {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
