/** The call's small pure pieces: the per-participant rate limit, initials, the value store. */
import { describe, expect, it } from 'vitest';
import { RateLimit, Store } from '../../../web/call/state/store.js';
import { initials } from '../../../web/call/tile/initials.js';

describe('RateLimit', () => {
  it('allows five messages in ten seconds per participant, then refuses until the window moves', () => {
    const limit = new RateLimit(5, 10_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(limit.allow('p_ann', t0 + i)).toBe(true);
    expect(limit.allow('p_ann', t0 + 5)).toBe(false);
    // Another participant has their own allowance.
    expect(limit.allow('p_bob', t0 + 5)).toBe(true);
    expect(limit.allow('p_ann', t0 + 10_001)).toBe(true);
  });

  it('does not let refused attempts extend the wait', () => {
    const limit = new RateLimit(1, 1000);
    expect(limit.allow('x', 0)).toBe(true);
    for (let t = 100; t < 1000; t += 100) expect(limit.allow('x', t)).toBe(false);
    expect(limit.allow('x', 1000)).toBe(true);
  });
});

describe('initials', () => {
  it('takes the first and last word, upper-cased, and keeps non-Latin letters whole', () => {
    expect(initials('Alice Smith')).toBe('AS');
    expect(initials('  ann  van der lee ')).toBe('AL');
    expect(initials('Zoë')).toBe('Z');
    expect(initials('😀 Emoji')).toBe('😀E');
    expect(initials('')).toBe('?');
  });

  it('shows a name with HTML as its first characters, not markup', () => {
    expect(initials('<img src=x onerror=alert(1)> Bob')).toBe('<B');
  });
});

describe('Store', () => {
  it('notifies subscribers only when the value changes', () => {
    const store = new Store(1);
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.set(1);
    store.set(2);
    store.update((n) => n + 1);
    stop();
    store.set(9);
    expect(calls).toBe(2);
    expect(store.get()).toBe(9);
  });
});
