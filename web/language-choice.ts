/**
 * A language picked in a page's switcher (the join page's and the organizer page's): kept in
 * the `callink_lang` cookie the server reads, and the page drawn again in it.
 *
 * The reload carries the pick in its address too (`?lang=`, which the server draws first): a
 * cookie written by `document.cookie` reaches Chromium's cookie store over another channel than
 * the navigation that follows, and a loaded full run saw the reload go out without it (the
 * page came back in the old language with the cookie set). `forgetLanguagePick` takes the
 * query out of the address bar once the page is drawn, so a copied address does not carry it.
 */
const COOKIE = 'callink_lang';
const PARAM = 'lang';

export function pickLanguage(code: string): void {
  document.cookie = `${COOKIE}=${encodeURIComponent(code)}; path=/; max-age=31536000; samesite=lax`;
  const next = new URL(location.href);
  next.searchParams.set(PARAM, code);
  location.replace(next.href);
}

export function forgetLanguagePick(): void {
  const here = new URL(location.href);
  if (!here.searchParams.has(PARAM)) return;
  here.searchParams.delete(PARAM);
  history.replaceState(history.state, '', here.href);
}
