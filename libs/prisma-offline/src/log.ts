/**
 * Log lines on stderr, one JSON object per line in the native engine's `tracing` format. The CLI reads them: in
 * JSON-RPC mode it keeps `fields.message` for crash reports, in one-shot mode it parses every line but the first and
 * looks for the ERROR line of target `schema_engine::logger` carrying `error_code`.
 */
export type LogLevel = 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';

const LOGGER_TARGET = 'schema_engine::logger';

export function logLine(level: LogLevel, message: string, extraFields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...extraFields },
    target: LOGGER_TARGET,
  });
}

export function log(level: LogLevel, message: string, extraFields: Record<string, unknown> = {}): void {
  process.stderr.write(`${logLine(level, message, extraFields)}\n`);
}
