import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * Structured JSON logs. Secrets are redacted by path wherever they might be logged (`apiKey`: a
 * user's own provider key, BYOK). `destination` defaults to stdout; tests pass one to read the lines.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
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
        'apiKey',
        '*.apiKey',
        'variables.input.apiKey',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
