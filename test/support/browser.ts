/**
 * Real browsers for e2e tests: Debian's Chromium through playwright-core (never a downloaded
 * build), and Debian's firefox-esr through puppeteer-core over WebDriver BiDi. Each launch gets
 * a fresh temporary profile (Playwright makes one per launch; for Firefox we make it here).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';
import { assertLoopbackOnly } from './livekit.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** The flags of the brief: headless, quiet, fake camera and microphone. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
];
/** Grants camera and microphone without a prompt; leave it out to test a denial. */
export const FAKE_UI_FLAG = '--use-fake-ui-for-media-stream';
/** Lets WebRTC use 127.0.0.1 candidates (only in the loopback-only namespace). */
export const LOOPBACK_WEBRTC_FLAG = '--allow-loopback-in-peer-connection';

function need(path: string, pkg: string): void {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: install Debian's ${pkg} (apt-get install ${pkg}).`);
  }
}

/** WebRTC only in the loopback-only namespace (the brief's network rule). */
export { assertLoopbackOnly };

export interface ChromiumOptions {
  /** Auto-grant camera/microphone (default true). */
  grantMedia?: boolean;
  /** Allow WebRTC over loopback (default false; needs the namespace). */
  webrtc?: boolean;
  args?: string[];
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  need(CHROMIUM_PATH, 'chromium');
  if (options.webrtc) assertLoopbackOnly();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      ...(options.grantMedia === false ? [] : [FAKE_UI_FLAG]),
      ...(options.webrtc ? [LOOPBACK_WEBRTC_FLAG] : []),
      ...(options.args ?? []),
    ],
  });
}

/** A fresh context (its own storage, like a separate person); the user agent may be faked. */
export function newPerson(
  browser: Browser,
  options: { userAgent?: string; locale?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    viewport: { width: 1000, height: 800 },
  });
}

/** Launches firefox-esr over WebDriver BiDi with a fresh profile, removed on close. */
export async function launchFirefox(): Promise<{
  browser: PuppeteerBrowser;
  close(): Promise<void>;
}> {
  need(FIREFOX_PATH, 'firefox-esr');
  const puppeteer = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'callink-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      // Fake camera and microphone, granted without a prompt.
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'permissions.default.camera': 1,
      'permissions.default.microphone': 1,
      'media.peerconnection.ice.loopback': true,
      'network.proxy.type': 0,
      // Real host addresses rather than mDNS names nothing resolves in the loopback namespace.
      'media.peerconnection.ice.obfuscate_host_addresses': false,
    },
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
