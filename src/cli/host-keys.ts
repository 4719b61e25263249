/**
 * `callink host-keys list LINK | revoke LINK ID`: a link's host keys (never the keys
 * themselves) and revoking one, on the server's own store (audited as the command line).
 */
import { parseArgs } from 'node:util';
import { cryptoIds, systemClock } from '../adapters/system/clock.js';
import { makeAuditId } from '../core/audit.js';
import { AppError } from '../core/errors.js';
import { base64Url } from '../core/links.js';
import { findLink } from '../core/usecases/links.js';
import { withStore, type CliCommand } from './context.js';
import { CLI_ACTOR } from './keys.js';

export const hostKeysCommand: CliCommand = {
  usage: `  host-keys list LINK [--json]            a link's host keys: id, expiry, revoked
  host-keys revoke LINK ID                revoke one host key at once`,
  async run([sub, ...rest], { config, io }) {
    if (sub === 'list') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
      const [raw] = positionals;
      if (!raw) throw new AppError('bad_request', 'Give the link id.');
      const ttl = config.hostKeyTtlDays * 86_400_000;
      const keys = await withStore(config, async (store) => {
        const link = await findLink(store, raw, { allowRevoked: true });
        return (await store.hostKeys.list(link.id)).map((k) => ({
          id: k.id,
          createdAt: k.createdAt.toISOString(),
          expiresAt: (k.expiresAt ?? new Date(k.createdAt.getTime() + ttl)).toISOString(),
          revokedAt: k.revokedAt?.toISOString() ?? null,
        }));
      });
      if (values.json) io.out(JSON.stringify({ hostKeys: keys }));
      else
        for (const k of keys) {
          const state = k.revokedAt
            ? 'revoked'
            : Date.parse(k.expiresAt) <= Date.now()
              ? 'expired'
              : 'active ';
          io.out(`${k.id}  ${state}  expires ${k.expiresAt}`);
        }
      return 0;
    }
    if (sub === 'revoke') {
      const [raw, id] = rest;
      if (!raw || !id) throw new AppError('bad_request', 'Give the link id and the host key id.');
      await withStore(config, async (store) => {
        const link = await findLink(store, raw, { allowRevoked: true });
        const at = systemClock.now();
        if (!(await store.hostKeys.revoke(link.id, id, at))) {
          throw new AppError('not_found', 'This link has no such active host key.');
        }
        await store.audit.record(
          { id: makeAuditId(at, base64Url(cryptoIds.randomBytes(9))), at, actor: CLI_ACTOR },
          { action: 'host_key.revoke', target: id, before: null, after: { linkId: link.id } },
        );
      });
      io.out(`revoked host key ${id}`);
      return 0;
    }
    throw new AppError('bad_request', `Unknown host-keys command: ${sub ?? '(none)'}`);
  },
};
