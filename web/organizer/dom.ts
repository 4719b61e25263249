/**
 * Tiny DOM helpers for the organizer page. Elements are built from text only (never HTML
 * strings), so a link title like "<img onerror=…>" shows as typed.
 */
type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;
type Child = Node | string | null | undefined | false;

/** Builds an element; `on…` attributes become listeners, booleans toggle attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

/** Replaces an element's children. */
export function fill(node: Element, ...children: Child[]): void {
  node.replaceChildren();
  for (const child of children) if (child) node.append(child);
}

/** A labelled form field: <label>Text <input …></label>. */
export function field(label: string, input: HTMLElement, hint?: string): HTMLLabelElement {
  return el(
    'label',
    { class: 'field' },
    el('span', {}, label),
    input,
    hint ? el('small', {}, hint) : null,
  );
}

/** Shows a message in a form's status line (role=status, so screen readers hear it). */
export function say(node: Element, text: string, kind: 'ok' | 'error' = 'ok'): void {
  node.textContent = text;
  node.setAttribute('data-kind', kind);
}

export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
