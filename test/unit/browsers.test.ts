import { describe, expect, it } from 'vitest';
import { browserVerdict, parseUserAgent, type BrowserFeatures } from '../../src/core/browsers.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';

const UA = {
  chrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeOld:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/60.0.3112.113 Safari/537.36',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  safari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  safariOld:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Safari/605.1.15',
  iosChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  iosOld:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
};

const FULL: BrowserFeatures = {
  secureContext: true,
  localHost: false,
  rtcPeerConnection: true,
  getUserMedia: true,
  webSocket: true,
  encodedTransforms: true,
  getDisplayMedia: true,
  audioOutputSelect: true,
};
const all = DEFAULT_POLICY.allowedBrowsers;
const verdict = (userAgent: string, features: Partial<BrowserFeatures> = {}, e2ee = false) =>
  browserVerdict({ userAgent, features: { ...FULL, ...features }, allowed: all, e2ee });

describe('parseUserAgent', () => {
  it.each([
    [UA.chrome, 'chrome', 131, false],
    [UA.headless, 'chrome', 156, false],
    [UA.edge, 'edge', 131, false],
    [UA.firefox, 'firefox', 128, false],
    [UA.safari, 'safari', 17.4, false],
    [UA.iosChrome, 'chrome', 17.2, true],
    [UA.samsung, 'samsung', 25, true],
    [UA.opera, 'other', 120, false],
  ])('names %s', (ua, family, version, mobile) => {
    expect(parseUserAgent(ua)).toMatchObject({ family, version, mobile });
  });

  it('takes the iOS version for every browser on iOS, whose engine is WebKit', () => {
    expect(parseUserAgent(UA.iosChrome)).toMatchObject({ ios: true, engine: 'webkit', os: 'ios' });
  });
});

describe('browserVerdict', () => {
  it('supports a current desktop Chrome', () => {
    expect(verdict(UA.chrome).kind).toBe('supported');
  });

  it('refuses an old Chrome and says to update it', () => {
    const v = verdict(UA.chromeOld);
    expect(v.kind).toBe('unsupported');
    expect(v.problems).toEqual(['old_version']);
    expect(v.suggest).toContain('chrome');
  });

  it('refuses Safari 14 on macOS and iOS 14 whatever the browser', () => {
    expect(verdict(UA.safariOld).problems).toContain('old_version');
    expect(verdict(UA.iosOld).problems).toContain('old_version');
  });

  it('refuses a browser without RTCPeerConnection even with a current version', () => {
    const v = verdict(UA.chrome, { rtcPeerConnection: false });
    expect(v).toMatchObject({ kind: 'unsupported', problems: ['no_webrtc'] });
  });

  it('treats plain http on a non-local host as its own case', () => {
    const v = verdict(UA.chrome, { secureContext: false, getUserMedia: false });
    expect(v.kind).toBe('insecure');
  });

  it('accepts plain http on localhost', () => {
    expect(verdict(UA.chrome, { secureContext: false, localHost: true }).kind).toBe('supported');
  });

  it('refuses an encrypted link in a browser that cannot encrypt, and only then', () => {
    expect(verdict(UA.firefox, { encodedTransforms: false }, true).problems).toEqual(['no_e2ee']);
    expect(verdict(UA.firefox, { encodedTransforms: false }, false).kind).toBe('supported');
  });

  it('limits phones: no screen share', () => {
    const v = verdict(UA.samsung, { getDisplayMedia: false });
    expect(v).toMatchObject({ kind: 'limited', limits: ['screen_share'] });
  });

  it('limits browsers that cannot pick the speaker', () => {
    expect(verdict(UA.safari, { audioOutputSelect: false }).limits).toEqual(['speaker_select']);
  });

  it("follows the organization's allowed browsers", () => {
    const v = browserVerdict({
      userAgent: UA.firefox,
      features: FULL,
      allowed: ['chrome', 'edge'],
      e2ee: false,
    });
    expect(v).toMatchObject({
      kind: 'unsupported',
      problems: ['not_allowed'],
      suggest: ['chrome', 'edge'],
    });
  });

  it('lets an unlisted Chromium browser join as untested unless the organization restricts', () => {
    expect(verdict(UA.opera)).toMatchObject({ kind: 'limited', limits: ['untested'] });
    const strict = browserVerdict({
      userAgent: UA.opera,
      features: FULL,
      allowed: ['chrome'],
      e2ee: false,
    });
    expect(strict.problems).toEqual(['not_allowed']);
  });

  it('suggests Safari only on Apple devices and Samsung Internet only on Android', () => {
    expect(verdict(UA.chromeOld).suggest).toEqual(['chrome', 'edge', 'firefox']);
    expect(verdict(UA.iosOld).suggest).toEqual(['chrome', 'edge', 'firefox', 'safari']);
  });
});
