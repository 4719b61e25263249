/**
 * The second composition root: `callink <command>`, on the same core and store as the server.
 * Each command lives in src/cli/<name>.ts and is registered in COMMANDS.
 */
import { ConfigError, loadConfig } from './config.js';
import { AppError, type ErrorCode } from './core/errors.js';
import type { CliCommand, CliIo } from './cli/context.js';
import { attachCommand } from './cli/attach.js';
import { caldavCommand } from './cli/caldav.js';
import { hostKeysCommand } from './cli/host-keys.js';
import { keysCommand } from './cli/keys.js';
import { linkCommand } from './cli/link.js';
import { policyCommand } from './cli/policy.js';
import { lintCommand } from './cli/lint.js';

export type { CliIo } from './cli/context.js';

const serveCommand: CliCommand = {
  usage: '  serve                                   run the server (npm start, without installing)',
  async run(_args, { config }) {
    const { startServer } = await import('./main.js');
    await startServer(config);
    return -1;
  },
};

const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  link: linkCommand,
  'host-keys': hostKeysCommand,
  attach: attachCommand,
  caldav: caldavCommand,
  lint: lintCommand,
  keys: keysCommand,
  policy: policyCommand,
};

/** Exit codes by error code (sysexits-style where one fits). */
const EXIT: Partial<Record<ErrorCode, number>> = {
  bad_request: 64,
  validation_failed: 65,
  calendar_invalid: 65,
  link_incomplete: 65,
  invalid_json: 65,
  link_not_found: 66,
  not_found: 66,
  link_revoked: 66,
  unavailable: 69,
  payload_too_large: 65,
  unsupported_media_type: 65,
  links_disabled: 77,
  guests_not_allowed: 77,
  browser_not_allowed: 77,
  forbidden: 77,
  unauthorized: 77,
};

const usage = (): string =>
  `Usage: callink <command>\n\n${Object.values(COMMANDS)
    .map((c) => c.usage)
    .join('\n')}\n\nConfiguration comes from the environment (see README).`;

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.out(usage());
      return name ? 0 : 64;
    }
    const command = COMMANDS[name];
    if (!command) {
      io.err(`Unknown command: ${name}\n\n${usage()}`);
      return 64;
    }
    return await command.run(args, { config: loadConfig(env), env, io });
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`callink: ${error.message}`);
      return EXIT[error.code] ?? 1;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 78;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`callink: ${error.message}\n\n${usage()}`);
      return 64;
    }
    io.err(`callink: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1]?.endsWith('/cli.ts') || process.argv[1]?.endsWith('/cli.js')) {
  runCli(process.argv.slice(2), process.env, {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
