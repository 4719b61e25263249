/**
 * The public facts of a link that the server hands the join page in its
 * `<script type="application/json" id="callink-data">` block. Shared by the server renderer and
 * web/join (type only: the page downloads no copy of this file).
 */
import type { BrowserFamily } from '../../core/browsers.js';
import type { JoinStrings } from './i18n/en.js';
import type { JoinPageExtras } from './join-page-extras.js';

export interface JoinPageData {
  linkId: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  /** policy.linksEnabled: false → the page says calls are disabled by the organization. */
  linksEnabled: boolean;
  allowedBrowsers: BrowserFamily[];
  lang: string;
  strings: JoinStrings;
  /** Personal link and schedule (absent from pages rendered before they existed). */
  extras?: JoinPageExtras;
}
