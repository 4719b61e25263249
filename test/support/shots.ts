/**
 * Screenshots of a page state at desktop and phone size, light and dark, into
 * /tmp/shots/<name>/ for a person to look at (not compared by the tests).
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

export const SIZES = [
  { label: 'desktop', width: 1280, height: 800 },
  { label: 'phone', width: 390, height: 844 },
] as const;
export const SCHEMES = ['light', 'dark'] as const;

/** With `focus`, the screen around that element (scrolled into view); else the whole page. */
export async function shoot(
  page: Page,
  dir: string,
  state: string,
  focus?: Locator,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      if (focus) await focus.first().scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `${dir}/${state}-${size.label}-${scheme}.png`,
        fullPage: !focus,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (before) await page.setViewportSize(before);
}
