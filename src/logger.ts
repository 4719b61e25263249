import { pino, type Logger } from 'pino';

/**
 * Secrets that can reach a log line inside free text (an error message from the media
 * server naming a room, a URL in a library's error) where path-based redaction cannot see
 * them. Scrubbed from every line as it is written. Link ids are also room names.
 */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, '[jwt]'], // join and API tokens
  [/\bck_[0-9a-z]+_[\w-]{20,}/g, '[key]'], // organizer keys
  [/\bhk_[\w-]{16,}/g, '[host-key]'], // host keys
  [/#(k|host)=[^\s"&]+/g, '#$1=[redacted]'], // E2EE keys and host links
  [/\biv[\w-]{32}(?![\w-])/g, '[invite]'], // personal join tokens (links, answer buttons)
  [/(?<![\w-])[0-9a-z]{28}(?![\w-])/gi, '[link]'], // link ids (28 chars of the link alphabet)
];

export function scrubSecrets(line: string): string {
  let out = line;
  for (const [re, by] of SECRET_PATTERNS) out = out.replace(re, by);
  return out;
}

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
          'hostKey',
          'ticket',
          'linkId',
          'invite',
          '*.invite',
          '*.token',
          '*.password',
          '*.secret',
          '*.hostKey',
          '*.ticket',
          '*.linkId',
        ],
        censor: '[redacted]',
      },
      hooks: { streamWrite: scrubSecrets },
    },
    destination ?? process.stdout,
  );
}
