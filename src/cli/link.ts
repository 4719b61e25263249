import { parseArgs } from 'node:util';
import { cryptoIds, systemClock } from '../adapters/system/clock.js';
import { AppError } from '../core/errors.js';
import { currentPolicy } from '../core/usecases/policy.js';
import { createLink, revokeLink, viewLink } from '../core/usecases/links.js';
import { withStore, type CliCommand } from './context.js';

export const linkCommand: CliCommand = {
  usage: `  link create [--title T] [--lobby] [--e2ee [--passphrase]] [--max N] [--json]
                                          create a call link and print its URL (E2EE: the key
                                          is handed over in the call; --passphrase puts it
                                          in the URL after #k=)
  link list [--json]                      list links
  link revoke ID                          revoke a link for good`,
  async run([sub, ...rest], { config, io }) {
    if (sub === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          title: { type: 'string' },
          lobby: { type: 'boolean' },
          e2ee: { type: 'boolean' },
          passphrase: { type: 'boolean' },
          max: { type: 'string' },
          json: { type: 'boolean' },
        },
        strict: true,
      });
      const max = values.max === undefined ? undefined : Number(values.max);
      if (max !== undefined && !Number.isInteger(max)) {
        throw new AppError('validation_failed', '--max must be a whole number.');
      }
      const view = await withStore(config, async (store) =>
        createLink(
          {
            store,
            clock: systemClock,
            ids: cryptoIds,
            publicUrl: config.publicUrl,
            policy: await currentPolicy(store),
          },
          {
            ...(values.title !== undefined ? { title: values.title } : {}),
            ...(values.lobby ? { lobby: true } : {}),
            ...(values.e2ee ? { e2ee: true } : {}),
            ...(values.e2ee && values.passphrase ? { e2eeMode: 'passphrase' as const } : {}),
            ...(max !== undefined ? { maxParticipants: max } : {}),
          },
        ),
      );
      io.out(values.json ? JSON.stringify(view) : view.url);
      return 0;
    }
    if (sub === 'list') {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean' } },
        strict: true,
      });
      const links = await withStore(config, (store) => store.links.list());
      const views = links.map((l) => viewLink(l, config.publicUrl));
      if (values.json) io.out(JSON.stringify({ links: views }));
      else
        for (const v of views) {
          io.out(`${v.revokedAt ? 'revoked' : 'active '}  ${v.url}  ${v.title ?? ''}`.trimEnd());
        }
      return 0;
    }
    if (sub === 'revoke') {
      const id = rest[0];
      if (!id) throw new AppError('bad_request', 'Give the id of the link to revoke.');
      await withStore(config, (store) => revokeLink({ store, clock: systemClock }, id));
      io.out(`revoked ${id}`);
      return 0;
    }
    throw new AppError('bad_request', `Unknown link command: ${sub ?? '(none)'}`);
  },
};
