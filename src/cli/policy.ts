/**
 * `callink policy show | set …` on the server's own store. `set` starts from the policy in
 * force, changes only the given fields, and saves the whole (audited), or refuses it whole.
 */
import { parseArgs } from 'node:util';
import { cryptoIds, systemClock } from '../adapters/system/clock.js';
import { AppError } from '../core/errors.js';
import { currentPolicy, replacePolicy } from '../core/usecases/policy.js';
import { withStore, type CliCommand } from './context.js';
import { CLI_ACTOR } from './keys.js';

function onOff(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'true') return true;
  if (value === 'off' || value === 'false') return false;
  throw new AppError('validation_failed', `--${name} takes on or off, not "${value}".`);
}

export const policyCommand: CliCommand = {
  usage: `  policy show [--json]                    the organization's policy
  policy set [--links on|off] [--lobby on|off] [--guests on|off] [--max N]
             [--browsers chrome,edge,firefox,safari,samsung]
                                          change it (audited; refused whole when bad)`,
  async run([sub, ...rest], { config, io }) {
    if (sub === 'show') {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const policy = await withStore(config, currentPolicy);
      if (values.json) io.out(JSON.stringify(policy));
      else
        for (const [k, v] of Object.entries(policy)) {
          io.out(`${k.padEnd(16)} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
        }
      return 0;
    }
    if (sub === 'set') {
      const { values } = parseArgs({
        args: rest,
        options: {
          links: { type: 'string' },
          lobby: { type: 'string' },
          guests: { type: 'string' },
          max: { type: 'string' },
          browsers: { type: 'string' },
        },
        strict: true,
      });
      const saved = await withStore(config, async (store) => {
        const next: Record<string, unknown> = { ...(await currentPolicy(store)) };
        const set = (key: string, value: unknown) => {
          if (value !== undefined) next[key] = value;
        };
        set('linksEnabled', onOff('links', values.links));
        set('lobbyByDefault', onOff('lobby', values.lobby));
        set('guestsAllowed', onOff('guests', values.guests));
        set('maxParticipants', values.max === undefined ? undefined : Number(values.max));
        set(
          'allowedBrowsers',
          values.browsers
            ?.split(',')
            .map((b) => b.trim())
            .filter((b) => b.length > 0),
        );
        return replacePolicy({ store, clock: systemClock, ids: cryptoIds }, next, CLI_ACTOR);
      });
      io.out(`policy saved: ${JSON.stringify(saved)}`);
      return 0;
    }
    throw new AppError('bad_request', `Unknown policy command: ${sub ?? '(none)'}`);
  },
};
