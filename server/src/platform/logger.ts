import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Structured JSON logs. Secrets are redacted by path wherever they might be logged. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'tollgate' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        'secret',
        '*.password',
        '*.secret',
        'variables.input.password',
      ],
      censor: '[redacted]',
    },
  });
}
