/** Turns a browser verdict into the sentences a person reads: what fails, and what to do. */
import {
  BROWSER_NAMES,
  MIN_IOS,
  MIN_VERSIONS,
  type BrowserVerdict,
} from '../../src/core/browsers.js';
import { t, type StringKey } from './ui.js';

const names = (v: BrowserVerdict) => v.suggest.map((f) => BROWSER_NAMES[f]).join(', ');

export function unsupportedDetails(v: BrowserVerdict, allowedNames: string): string[] {
  const b = v.browser;
  const lines = v.problems.map((p) => {
    if (p === 'old_version') {
      const browser = b.ios ? 'iOS' : b.family === 'other' ? '' : BROWSER_NAMES[b.family];
      const min = b.ios ? MIN_IOS : b.family === 'other' ? 0 : MIN_VERSIONS[b.family];
      return t('problem_old_version', { browser, version: b.version, min });
    }
    if (p === 'not_allowed') return t('problem_not_allowed', { browsers: allowedNames });
    return t(`problem_${p}` as StringKey);
  });
  if (v.problems.includes('old_version') && b.family !== 'other') {
    lines.push(t(b.ios ? 'update_ios' : (`update_${b.family}` as StringKey)));
  }
  if (v.suggest.length > 0) lines.push(t('use_instead', { browsers: names(v) }));
  return lines;
}

export function limitedDetails(v: BrowserVerdict): string[] {
  return v.limits.map((l) => `• ${t(`limit_${l}` as StringKey, { browsers: names(v) })}`);
}
