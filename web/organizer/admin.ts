/**
 * For admins: the organization's policy (saved whole, or refused whole with every problem
 * shown), named keys (created once-shown, revoked), and the audit log.
 */
import { ApiError, explain, type Api } from './api.js';
import { el, field, fill, say } from './dom.js';
import { formatWhen, t, type Key as StringKey } from './i18n.js';
import { copyButton } from './share.js';

const BROWSERS = [
  ['chrome', 'Chrome'],
  ['edge', 'Edge'],
  ['firefox', 'Firefox'],
  ['safari', 'Safari'],
  ['samsung', 'Samsung Internet'],
] as const;

export interface Policy {
  linksEnabled: boolean;
  lobbyByDefault: boolean;
  maxParticipants: number;
  allowedBrowsers: string[];
  guestsAllowed: boolean;
}
interface Key {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  revokedAt: string | null;
}
interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: string; name: string | null };
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** A key's entries name the key by its name (kept in before/after), not only its id. */
function targetOf(e: AuditEntry): string {
  const named = (v: unknown) =>
    v && typeof v === 'object' && 'name' in v ? String((v as { name: unknown }).name) : undefined;
  const name = named(e.after) ?? named(e.before);
  if (e.target === 'policy') return t('policy');
  return name ? `${name} (${e.target})` : e.target;
}

/** The audit action in words (unknown actions, from a newer server, as they are). */
function actionText(action: string): string {
  const key = `action_${action.replace('.', '_')}` as StringKey;
  const text = t(key);
  return text === key ? action : text;
}

const check = (name: string, checked: boolean, label: string) => {
  const input = el('input', { type: 'checkbox', name });
  input.checked = checked;
  return { input, label: el('label', { class: 'check' }, input, ` ${label}`) };
};

export async function adminSection(
  api: Api,
  root: HTMLElement,
  onPolicy: (policy: Policy) => void,
): Promise<void> {
  const policyBox = el('div', {});
  const keysBox = el('div', {});
  const auditBox = el('div', {});
  fill(root, el('h2', {}, t('organization')), policyBox, keysBox, auditBox);

  async function loadAudit(): Promise<void> {
    try {
      const { entries } = await api.get<{ entries: AuditEntry[] }>('/api/audit?limit=50');
      fill(
        auditBox,
        el('h3', {}, t('audit_log')),
        entries.length === 0
          ? el('p', { class: 'empty' }, t('no_changes'))
          : el(
              'table',
              { 'aria-label': t('audit_log') },
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', {}, t('col_when')),
                  el('th', {}, t('col_who')),
                  el('th', {}, t('col_what')),
                  el('th', {}, t('col_target')),
                ),
              ),
              el(
                'tbody',
                {},
                ...entries.map((e) =>
                  el(
                    'tr',
                    {},
                    el('td', {}, formatWhen(e.at)),
                    el(
                      'td',
                      {},
                      e.actor.kind === 'admin'
                        ? t('actor_admin_token')
                        : (e.actor.name ?? e.actor.kind),
                    ),
                    el('td', {}, actionText(e.action)),
                    el('td', {}, targetOf(e)),
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      fill(auditBox, el('p', { class: 'error' }, explain(error)));
    }
  }

  async function loadPolicy(): Promise<void> {
    const policy = await api.get<Policy>('/api/policy');
    const links = check('linksEnabled', policy.linksEnabled, t('policy_links_enabled'));
    const lobby = check('lobbyByDefault', policy.lobbyByDefault, t('policy_lobby_default'));
    const guests = check('guestsAllowed', policy.guestsAllowed, t('policy_guests'));
    const max = el('input', {
      type: 'number',
      name: 'maxParticipants',
      min: 1,
      max: 100,
      value: policy.maxParticipants,
    });
    const browsers = BROWSERS.map(([id, name]) =>
      check(`browser-${id}`, policy.allowedBrowsers.includes(id), name),
    );
    const status = el('p', { role: 'status', class: 'status' });
    const problems = el('ul', { class: 'problems' });
    const form = el(
      'form',
      { class: 'card', 'aria-label': t('policy') },
      el('h3', {}, t('policy')),
      links.label,
      lobby.label,
      guests.label,
      field(t('policy_max'), max),
      el('fieldset', {}, el('legend', {}, t('policy_browsers')), ...browsers.map((b) => b.label)),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('save_policy'))),
      status,
      problems,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      problems.replaceChildren();
      try {
        const saved = await api.put<Policy>('/api/policy', {
          linksEnabled: links.input.checked,
          lobbyByDefault: lobby.input.checked,
          guestsAllowed: guests.input.checked,
          maxParticipants: max.value === '' ? null : Number(max.value),
          allowedBrowsers: BROWSERS.filter((_, i) => browsers[i]?.input.checked).map(([id]) => id),
        });
        say(status, t('policy_saved'));
        onPolicy(saved);
        await loadAudit();
      } catch (error) {
        say(status, t('nothing_changed'), 'error');
        const fields =
          error instanceof ApiError
            ? ((error.details as { fields?: { path: string; message: string }[] } | undefined)
                ?.fields ?? [])
            : [];
        fill(
          problems,
          ...(fields.length
            ? fields.map((f) => el('li', {}, `${f.path}: ${f.message}`))
            : [el('li', {}, explain(error))]),
        );
      }
    });
    fill(policyBox, form);
  }

  async function loadKeys(made?: Key & { key: string }): Promise<void> {
    const { keys } = await api.get<{ keys: Key[] }>('/api/keys');
    const name = el('input', { name: 'keyName', required: true, maxlength: 100 });
    const role = el(
      'select',
      { name: 'role' },
      el('option', { value: 'organizer' }, t('role_organizer')),
      el('option', { value: 'admin' }, t('role_admin')),
    );
    const status = el('p', { role: 'status', class: 'status' });
    const shown = el('div', {});
    const form = el(
      'form',
      { class: 'card', 'aria-label': t('new_key') },
      el('h3', {}, t('keys')),
      el('div', { class: 'row' }, field(t('col_name'), name), field(t('role'), role)),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('create_key'))),
      status,
      shown,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const made = await api.post<Key & { key: string }>('/api/keys', {
          name: name.value.trim(),
          role: role.value,
        });
        await loadKeys(made);
        await loadAudit();
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    const list = el(
      'ul',
      { class: 'items', 'aria-label': t('keys') },
      ...keys.map((k) => {
        const revoke = el(
          'button',
          { type: 'button', class: 'danger' },
          t('revoke_name', { name: k.name }),
        );
        revoke.addEventListener('click', async () => {
          if (!window.confirm(t('confirm_revoke_key', { name: k.name }))) return;
          try {
            await api.del(`/api/keys/${encodeURIComponent(k.id)}`);
            await loadKeys();
            await loadAudit();
          } catch (error) {
            say(status, explain(error), 'error');
          }
        });
        return el(
          'li',
          { 'data-key-id': k.id },
          el(
            'div',
            { class: 'what' },
            el('strong', { class: 'clip', title: k.name }, k.name),
            el(
              'small',
              {},
              `${t(k.role === 'admin' ? 'role_admin' : 'role_organizer')} · ${formatWhen(k.createdAt)}${k.revokedAt ? ` · ${t('revoked')}` : ''}`,
            ),
          ),
          el('div', { class: 'actions' }, k.revokedAt ? null : revoke),
        );
      }),
    );
    if (made) {
      fill(
        shown,
        el('p', { class: 'warn' }, t('key_shown_once', { name: made.name })),
        el('code', { class: 'secret' }, made.key),
        ' ',
        copyButton(made.key, t('copy_key')),
      );
    }
    fill(keysBox, form, list);
  }

  try {
    await Promise.all([loadPolicy(), loadKeys(), loadAudit()]);
  } catch (error) {
    fill(root, el('h2', {}, t('organization')), el('p', { class: 'error' }, explain(error)));
  }
}
