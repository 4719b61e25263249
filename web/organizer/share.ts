/**
 * Handing a link on: copy to the clipboard, the system share sheet (Web Share API where the
 * browser has it), and a QR code for a phone in the room.
 */
import QRCode from 'qrcode';
import { el } from './dom.js';
import { t } from './i18n.js';

/** Copies text; falls back to a selected text field where the Clipboard API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { readonly: true, 'aria-hidden': 'true', class: 'offscreen' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** A "Copy" button that says "Copied" for a moment, so people see it worked. */
export function copyButton(text: string, label = t('copy_link')): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', async () => {
    const ok = await copyText(text);
    button.textContent = ok ? t('copied') : t('copy_failed');
    button.dataset.copied = ok ? 'yes' : 'no';
    setTimeout(() => (button.textContent = label), 2000);
  });
  return button;
}

/** A "Share…" button, only where the browser can share this link. */
export function shareButton(title: string, url: string): HTMLButtonElement | null {
  const data = { title, text: title, url };
  if (typeof navigator.share !== 'function') return null;
  if (typeof navigator.canShare === 'function' && !navigator.canShare(data)) return null;
  const button = el('button', { type: 'button', class: 'secondary' }, t('share'));
  button.addEventListener('click', () => {
    // A dismissed share sheet rejects: that is the person's choice, not an error.
    navigator.share(data).catch(() => undefined);
  });
  return button;
}

/** The QR code as an SVG image (an <img>, so no markup from a string enters the page). */
export async function qrImage(url: string, label: string): Promise<HTMLImageElement> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return el('img', {
    class: 'qr',
    alt: t('qr_alt', { title: label }),
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    width: 180,
    height: 180,
    'data-qr': url,
  });
}
