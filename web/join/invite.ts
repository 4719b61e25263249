/**
 * The personal token of an invitee's link (`?invite=…`). It is taken out of the address bar
 * once read, so it does not end up in screenshots, bookmarks or a shared tab, and kept for
 * this tab only (a reload still knows it).
 */
const PARAM = 'invite';

export function takeInvite(linkId: string): string | undefined {
  const key = `callink:invite:${linkId}`;
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(PARAM);
  if (fromUrl) {
    try {
      sessionStorage.setItem(key, fromUrl);
    } catch {
      // Storage refused (private mode): the token still works for this page view.
    }
    url.searchParams.delete(PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}
