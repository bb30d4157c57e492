import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys that may hold personal data (PIPL sensitive information) wherever they appear in a log object.
 * Request and response bodies are never logged at all; this list is the second line of defence for objects
 * that code passes to the logger by hand.
 */
export const PERSONAL_DATA_KEYS = [
  'idNumber',
  'nationalId',
  'idCard',
  'phone',
  'phoneNumber',
  'mobile',
  'address',
  'password',
  'token',
  'authorization',
  'cookie',
] as const;

const redactPaths = [
  ...PERSONAL_DATA_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
