import { pino, type Logger } from 'pino';

/** JSON logs; anything that looks like a secret is redacted before it is written. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-host-key"]',
          'req.headers.cookie',
          'headers.authorization',
          'authorization',
          'token',
          'password',
          'secret',
          '*.token',
          '*.password',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}
