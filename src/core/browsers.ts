/**
 * The browser support matrix: one source of truth for the join page (web/join) and the server.
 *
 * The page measures features itself (what a browser can do beats what it claims to be), and
 * the user agent only names the browser and its version, so that an unsupported verdict can
 * say "update Chrome" rather than "use another browser". Pure: the caller passes the user
 * agent and the measured features.
 */
import type { BrowserFamily } from './policy.js';

export type { BrowserFamily } from './policy.js';
export type Engine = 'blink' | 'gecko' | 'webkit' | 'unknown';

export interface BrowserInfo {
  /** 'other' for browsers outside the matrix (Opera, Brave by name, in-app views, …). */
  family: BrowserFamily | 'other';
  /** Major version (Safari and iOS: major.minor as a number, e.g. 15.4). 0 when unknown. */
  version: number;
  engine: Engine;
  mobile: boolean;
  /** Every browser on iOS runs WebKit: its iOS version is what counts. */
  ios: boolean;
  os: 'ios' | 'android' | 'mac' | 'windows' | 'linux' | 'other';
}

export const BROWSER_NAMES: Readonly<Record<BrowserFamily, string>> = {
  chrome: 'Chrome',
  edge: 'Edge',
  firefox: 'Firefox',
  safari: 'Safari',
  samsung: 'Samsung Internet',
};

/**
 * Oldest versions we support: each has unified-plan WebRTC, addTransceiver, and the codecs and
 * APIs livekit-client 2 relies on; older ones fail in ways a page cannot explain to a person.
 * Firefox 115 is the oldest ESR still shipped by Linux distributions.
 */
export const MIN_VERSIONS: Readonly<Record<BrowserFamily, number>> = {
  chrome: 100,
  edge: 100,
  firefox: 115,
  safari: 15.4,
  samsung: 18,
};
/** On iOS the WebKit version decides for every browser (Chrome, Firefox and Edge included). */
export const MIN_IOS = 15.4;

/** What the page measured in the browser itself. */
export interface BrowserFeatures {
  secureContext: boolean;
  /** The page's host is localhost or a loopback address (plain http is fine there). */
  localHost: boolean;
  rtcPeerConnection: boolean;
  getUserMedia: boolean;
  webSocket: boolean;
  /** Insertable streams or RTCRtpScriptTransform: needed for end-to-end encryption. */
  encodedTransforms: boolean;
  getDisplayMedia: boolean;
  /** HTMLMediaElement.setSinkId: choosing the speaker. */
  audioOutputSelect: boolean;
}

export type Problem =
  | 'insecure'
  | 'old_version'
  | 'no_webrtc'
  | 'no_media_devices'
  | 'no_websocket'
  | 'no_e2ee'
  | 'not_allowed';

export type Limit = 'screen_share' | 'speaker_select' | 'untested';

export interface BrowserVerdict {
  kind: 'supported' | 'limited' | 'unsupported' | 'insecure';
  browser: BrowserInfo;
  /** Why it is unsupported (empty otherwise). */
  problems: Problem[];
  /** What will not work when it is limited. */
  limits: Limit[];
  /** Browsers to use instead, among those the organization allows. */
  suggest: BrowserFamily[];
}

export interface VerdictInput {
  userAgent: string;
  features: BrowserFeatures;
  /** The organization's allowed browsers (policy.allowedBrowsers). */
  allowed: readonly BrowserFamily[];
  /** The link is end-to-end encrypted. */
  e2ee: boolean;
}

function num(match: RegExpMatchArray | null, minor = false): number {
  if (!match?.[1]) return 0;
  const major = Number(match[1]);
  return minor && match[2] ? major + Number(match[2]) / 10 ** match[2].length : major;
}

/** Names the browser from its user agent. Unknown parts come back as 'other' / 0. */
export function parseUserAgent(ua: string): BrowserInfo {
  const ios = /\b(iPhone|iPad|iPod)\b/.test(ua);
  const mobile = ios || /\bMobile\b|\bAndroid\b/.test(ua);
  const os: BrowserInfo['os'] = ios
    ? 'ios'
    : /\bAndroid\b/.test(ua)
      ? 'android'
      : /\bMacintosh\b/.test(ua)
        ? 'mac'
        : /\bWindows\b/.test(ua)
          ? 'windows'
          : /\b(Linux|X11|CrOS)\b/.test(ua)
            ? 'linux'
            : 'other';
  if (ios) {
    const iosVersion = num(ua.match(/\bOS (\d+)_(\d+)/), true);
    const family: BrowserFamily = /\bEdgiOS\//.test(ua)
      ? 'edge'
      : /\bCriOS\//.test(ua)
        ? 'chrome'
        : /\bFxiOS\//.test(ua)
          ? 'firefox'
          : 'safari';
    return { family, version: iosVersion, engine: 'webkit', mobile, ios, os };
  }
  const pick = (family: BrowserInfo['family'], engine: Engine, version: number): BrowserInfo => ({
    family,
    version,
    engine,
    mobile,
    ios,
    os,
  });
  if (/\bSamsungBrowser\//.test(ua))
    return pick('samsung', 'blink', num(ua.match(/SamsungBrowser\/(\d+)/)));
  if (/\bEdgA?\//.test(ua)) return pick('edge', 'blink', num(ua.match(/EdgA?\/(\d+)/)));
  if (/\b(OPR|Opera|YaBrowser|Vivaldi)\//.test(ua))
    return pick('other', 'blink', num(ua.match(/Chrome\/(\d+)/)));
  if (/\bFirefox\//.test(ua)) return pick('firefox', 'gecko', num(ua.match(/Firefox\/(\d+)/)));
  if (/(Chrome|Chromium)\//.test(ua))
    return pick('chrome', 'blink', num(ua.match(/(?:Chrome|Chromium)\/(\d+)/)));
  if (/\bSafari\//.test(ua) && /\bVersion\//.test(ua))
    return pick('safari', 'webkit', num(ua.match(/Version\/(\d+)(?:\.(\d+))?/), true));
  return pick('other', 'unknown', 0);
}

/** The version that counts for the minimum: the iOS version on iOS, else the browser's own. */
function isTooOld(b: BrowserInfo): boolean {
  if (b.ios) return b.version > 0 && b.version < MIN_IOS;
  if (b.family === 'other') return false;
  return b.version > 0 && b.version < MIN_VERSIONS[b.family];
}

/** Browsers to recommend on this device, in the organization's order. */
export function suggestedBrowsers(
  b: BrowserInfo,
  allowed: readonly BrowserFamily[],
): BrowserFamily[] {
  return allowed.filter((f) => {
    if (f === 'samsung') return b.os === 'android';
    if (f === 'safari') return b.os === 'ios' || b.os === 'mac';
    return true;
  });
}

/**
 * The verdict for one browser: supported, limited (with what will not work), unsupported
 * (with why and what to use instead), or insecure (plain http on a non-local host, where no
 * browser may use the camera: the fix is the link, not the browser).
 */
export function browserVerdict(input: VerdictInput): BrowserVerdict {
  const browser = parseUserAgent(input.userAgent);
  const f = input.features;
  const suggest = suggestedBrowsers(browser, input.allowed);
  if (!f.secureContext && !f.localHost) {
    return { kind: 'insecure', browser, problems: ['insecure'], limits: [], suggest };
  }
  const problems: Problem[] = [];
  if (browser.family !== 'other' && !input.allowed.includes(browser.family))
    problems.push('not_allowed');
  if (browser.family === 'other' && input.allowed.length < Object.keys(MIN_VERSIONS).length)
    problems.push('not_allowed');
  if (isTooOld(browser)) problems.push('old_version');
  if (!f.rtcPeerConnection) problems.push('no_webrtc');
  if (!f.getUserMedia) problems.push('no_media_devices');
  if (!f.webSocket) problems.push('no_websocket');
  if (input.e2ee && !f.encodedTransforms) problems.push('no_e2ee');
  if (problems.length > 0) {
    return { kind: 'unsupported', browser, problems, limits: [], suggest };
  }
  const limits: Limit[] = [];
  if (!f.getDisplayMedia || browser.mobile) limits.push('screen_share');
  if (!f.audioOutputSelect) limits.push('speaker_select');
  if (browser.family === 'other') limits.push('untested');
  return { kind: limits.length > 0 ? 'limited' : 'supported', browser, problems, limits, suggest };
}

/** Is this value one of the browser families of the matrix? (Used to validate policy input.) */
export function isBrowserFamily(value: unknown): value is BrowserFamily {
  return typeof value === 'string' && value in MIN_VERSIONS;
}
