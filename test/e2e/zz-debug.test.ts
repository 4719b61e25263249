import { it, inject } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, TEST_TOKEN } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { webAppOptions } from '../support/web.js';
it('dbg', async () => {
  const lk = inject('livekit');
  const app = await startTestApp({ appOptions: { ...webAppOptions(), mediaUrl: lk.url }, overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) } });
  const browser = await launchChromium({ grantMedia: false });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack));
  page.on('console', (m) => console.log('CONSOLE', m.text()));
  await page.goto(`${app.url}/`);
  await page.getByLabel('Organizer key').fill(TEST_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForTimeout(3000);
  console.log((await page.content()).slice(0, 3000));
  await browser.close(); await app.close();
}, 60000);
