/**
 * The public facts of a link that the server hands the join page in its
 * `<script type="application/json" id="callink-data">` block. Shared by the server renderer and
 * web/join (type only: the page downloads no copy of this file).
 */
import type { BrowserFamily } from '../../core/browsers.js';
import type { E2eeMode } from '../../core/e2ee.js';
import type { JoinStrings } from './i18n/en.js';
import type { JoinPageExtras } from './join-page-extras.js';

export interface JoinPageData {
  linkId: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  /** exchange: the key is handed over in the call; passphrase: it is in the link (`#k=`). */
  e2eeMode: E2eeMode | null;
  /** policy.linksEnabled: false → the page says calls are disabled by the organization. */
  linksEnabled: boolean;
  allowedBrowsers: BrowserFamily[];
  lang: string;
  /** The page's languages, for its switcher (the choice is kept in the callink_lang cookie). */
  languages?: { code: string; name: string }[];
  strings: JoinStrings;
  /** Personal link and schedule (absent from pages rendered before they existed). */
  extras?: JoinPageExtras;
}
