/**
 * Tiny DOM helpers for the join page: the page state on <body data-state>, translated strings,
 * and element building that only ever sets text (never HTML), so a display name like
 * "<img onerror=…>" shows as the characters typed.
 */
import type { JoinStrings } from '../../src/adapters/http/i18n/en.js';
import type { JoinPageData } from '../../src/adapters/http/join-page-data.js';

export type PageState =
  | 'checking'
  | 'scheduled'
  | 'ready'
  | 'unsupported'
  | 'blocked'
  | 'waiting'
  | 'connecting'
  | 'joined'
  | 'full'
  | 'denied'
  | 'revoked'
  | 'ended'
  | 'error';

export type StringKey = keyof JoinStrings;

let strings: JoinStrings | undefined;

export function readPageData(): JoinPageData {
  const block = document.getElementById('callink-data');
  if (!block?.textContent) throw new Error('The page has no data block.');
  const data = JSON.parse(block.textContent) as JoinPageData;
  strings = data.strings;
  return data;
}

/** A translated string with `{name}` placeholders filled in. */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const text = strings?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

type Attrs = Record<string, string | boolean | number | ((event: Event) => void)>;

/** Builds an element; strings become text nodes, `on…` attributes become listeners. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T =>
  document.getElementById(id) as T;

/** States where the page's work is over: focus moves to the sentence so it is read out. */
const FINAL: PageState[] = [
  'unsupported',
  'blocked',
  'full',
  'denied',
  'revoked',
  'ended',
  'error',
];

/** Moves the page to `state`, with its plain sentence and optional details under it. */
export function setState(state: PageState, message: string, details: (Node | string)[] = []): void {
  document.body.dataset.state = state;
  const box = byId('message');
  box.textContent = message;
  byId('details').replaceChildren(
    ...details.map((d) => (typeof d === 'string' ? el('p', { class: 'hint' }, d) : d)),
  );
  if (FINAL.includes(state)) {
    byId('precall').hidden = true;
    byId('call').hidden = true;
    box.tabIndex = -1;
    box.focus();
  }
}

export function getState(): PageState {
  return document.body.dataset.state as PageState;
}
