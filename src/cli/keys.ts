/**
 * `callink keys create --name N --role R | list | revoke ID`, on the server's own store.
 * Whoever can run this already holds the data dir, so no token is asked for.
 */
import { parseArgs } from 'node:util';
import { hashSecret } from '../adapters/auth/secrets.js';
import { cryptoIds, systemClock } from '../adapters/system/clock.js';
import type { Actor } from '../core/audit.js';
import { AppError } from '../core/errors.js';
import { createKey, createKeyInput, revokeKey, viewKey } from '../core/usecases/keys.js';
import { withStore, type CliCommand } from './context.js';

export const CLI_ACTOR: Actor = { kind: 'cli', id: null, name: 'command line' };

export const keysCommand: CliCommand = {
  usage: `  keys create --name N --role admin|organizer [--json]
                                          create a named key (shown once)
  keys list [--json]                      list keys (never their secrets)
  keys revoke ID                          revoke a key for good`,
  async run([sub, ...rest], { config, io }) {
    if (sub === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          role: { type: 'string' },
          json: { type: 'boolean' },
        },
        strict: true,
      });
      const parsed = createKeyInput.safeParse({ name: values.name ?? '', role: values.role });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`);
        throw new AppError('validation_failed', problems.join('; '));
      }
      const created = await withStore(config, (store) =>
        createKey(
          { store, clock: systemClock, ids: cryptoIds, hash: hashSecret },
          parsed.data,
          CLI_ACTOR,
        ),
      );
      if (values.json) io.out(JSON.stringify(created));
      else {
        io.out(`created ${created.role} key "${created.name}" (id ${created.id}); shown once:`);
        io.out(created.key);
      }
      return 0;
    }
    if (sub === 'list') {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean' } },
        strict: true,
      });
      const keys = (await withStore(config, (store) => store.keys.list())).map(viewKey);
      if (values.json) io.out(JSON.stringify({ keys }));
      else
        for (const k of keys) {
          io.out(`${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.role.padEnd(9)}  ${k.name}`);
        }
      return 0;
    }
    if (sub === 'revoke') {
      const id = rest[0];
      if (!id) throw new AppError('bad_request', 'Give the id of the key to revoke.');
      await withStore(config, (store) =>
        revokeKey({ store, clock: systemClock, ids: cryptoIds }, id, CLI_ACTOR),
      );
      io.out(`revoked key ${id}`);
      return 0;
    }
    throw new AppError('bad_request', `Unknown keys command: ${sub ?? '(none)'}`);
  },
};
