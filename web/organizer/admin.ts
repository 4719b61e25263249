/**
 * For admins: the organization's policy (saved whole, or refused whole with every problem
 * shown), named keys (created once-shown, revoked), and the audit log.
 */
import { ApiError, explain, type Api } from './api.js';
import { el, field, fill, formatWhen, say } from './dom.js';
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
  return name ? `${name} (${e.target})` : e.target;
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
  fill(root, el('h2', {}, 'Organization'), policyBox, keysBox, auditBox);

  async function loadAudit(): Promise<void> {
    try {
      const { entries } = await api.get<{ entries: AuditEntry[] }>('/api/audit?limit=50');
      fill(
        auditBox,
        el('h3', {}, 'Audit log'),
        entries.length === 0
          ? el('p', { class: 'empty' }, 'No changes yet.')
          : el(
              'table',
              { 'aria-label': 'Audit log' },
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', {}, 'When'),
                  el('th', {}, 'Who'),
                  el('th', {}, 'What'),
                  el('th', {}, 'Target'),
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
                    el('td', {}, e.actor.name ?? e.actor.kind),
                    el('td', {}, e.action),
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
    const links = check('linksEnabled', policy.linksEnabled, 'Calls and new links are allowed');
    const lobby = check(
      'lobbyByDefault',
      policy.lobbyByDefault,
      'New links have a lobby by default',
    );
    const guests = check('guestsAllowed', policy.guestsAllowed, 'Guests without a key may join');
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
      { class: 'card', 'aria-label': 'Policy' },
      el('h3', {}, 'Policy'),
      links.label,
      lobby.label,
      guests.label,
      field('Most people in one call', max),
      el(
        'fieldset',
        {},
        el('legend', {}, 'Browsers that may join'),
        ...browsers.map((b) => b.label),
      ),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Save policy')),
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
        say(status, 'Policy saved. It applies at once.');
        onPolicy(saved);
        await loadAudit();
      } catch (error) {
        say(status, 'Nothing was changed:', 'error');
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
      el('option', { value: 'organizer' }, 'Organizer'),
      el('option', { value: 'admin' }, 'Admin'),
    );
    const status = el('p', { role: 'status', class: 'status' });
    const shown = el('div', {});
    const form = el(
      'form',
      { class: 'card', 'aria-label': 'New key' },
      el('h3', {}, 'Keys'),
      el('div', { class: 'row' }, field('Name', name), field('Role', role)),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create key')),
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
      { class: 'items', 'aria-label': 'Keys' },
      ...keys.map((k) => {
        const revoke = el('button', { type: 'button', class: 'danger' }, `Revoke ${k.name}`);
        revoke.addEventListener('click', async () => {
          if (!window.confirm(`Revoke the key of ${k.name}? It stops working at once.`)) return;
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
            el('strong', {}, k.name),
            el(
              'small',
              {},
              `${k.role} · ${formatWhen(k.createdAt)}${k.revokedAt ? ' · revoked' : ''}`,
            ),
          ),
          el('div', { class: 'actions' }, k.revokedAt ? null : revoke),
        );
      }),
    );
    if (made) {
      fill(
        shown,
        el('p', { class: 'warn' }, `Key for ${made.name}, shown only now. Hand it over safely:`),
        el('code', { class: 'secret' }, made.key),
        ' ',
        copyButton(made.key, 'Copy key'),
      );
    }
    fill(keysBox, form, list);
  }

  try {
    await Promise.all([loadPolicy(), loadKeys(), loadAudit()]);
  } catch (error) {
    fill(root, el('h2', {}, 'Organization'), el('p', { class: 'error' }, explain(error)));
  }
}
