/**
 * The join page's entry: the only script an invitee downloads before the verdict. It checks
 * the browser against src/core/browsers.ts, the link's fragment (passphrase, host key), then
 * shows the device preview and the name form; livekit-client arrives only after the browser
 * passed (network check, then the call).
 */
import { BROWSER_NAMES, browserVerdict, type BrowserVerdict } from '../../src/core/browsers.js';
import { newKeyPair, type KeyPair } from '../call/e2ee/crypto.js';
import {
  cancelLobbyWait,
  requestJoin,
  UNAVAILABLE_RETRIES_MS,
  waitInLobby,
  type Grant,
  type JoinOutcome,
} from './api.js';
import { DevicePreview } from './devices.js';
import { measureFeatures } from './features.js';
import { byId, el, readPageData, setState, t } from './ui.js';
import { limitedDetails, unsupportedDetails } from './verdict-view.js';
import { clockSkew, showCountdown } from './schedule.js';
import { takeInvite } from './invite.js';
import { forgetLanguagePick } from '../language-choice.js';
import { languagePicker } from './language.js';
import './join.css';

const data = readPageData();
/**
 * Secrets in the fragment (a host key, a passphrase link's key) leave the address bar and the
 * history at once; this tab keeps them in sessionStorage so "Join again" still works.
 */
function fromFragment(name: string): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const stored = `callink:${name}:${data.linkId}`;
  const value = fragment.get(name) ?? sessionStorage.getItem(stored) ?? undefined;
  if (value !== undefined) sessionStorage.setItem(stored, value);
  return value;
}
const e2eeKey = fromFragment('k');
const hostKey = fromFragment('host');
if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
const exchange = data.e2ee && data.e2eeMode === 'exchange';
/** An E2EE key-exchange call's ephemeral key pair: only its public half is ever sent. */
let keyPair: Promise<KeyPair> | undefined;
const loadCall = () => import('../call/call.js');
// The personal token: read once, then out of the address bar (screenshots, shared tabs).
const invite = takeInvite(data.linkId);
const skew = clockSkew(data.extras?.serverNow);
let verdict: BrowserVerdict;
let preview: DevicePreview | undefined;
let networkCheck: { cancel(): void } | undefined;

function start(): void {
  document.getElementById('stale')?.remove();
  forgetLanguagePick();
  const picker = languagePicker(
    data,
    () => document.querySelector<HTMLInputElement>('#name')?.value ?? '',
  );
  if (picker) document.querySelector('header.top')?.append(picker);
  if (data.title) document.title = `${data.title} · callink`;
  if (!data.linksEnabled) {
    setState('error', t('links_disabled'), [t('links_disabled_hint')]);
    return;
  }
  verdict = browserVerdict({
    userAgent: navigator.userAgent,
    features: measureFeatures(),
    allowed: data.allowedBrowsers,
    e2ee: data.e2ee,
  });
  if (verdict.kind === 'insecure') {
    setState('blocked', t('insecure'), [t('insecure_hint')]);
    return;
  }
  if (verdict.kind === 'unsupported') {
    const allowed = data.allowedBrowsers.map((f) => BROWSER_NAMES[f]).join(', ');
    setState('unsupported', t('unsupported'), unsupportedDetails(verdict, allowed));
    return;
  }
  // A cut passphrase link loses its end first: the key (43 base64url characters) is the end.
  if (data.e2ee && !exchange && !/^[\w-]{43}$/.test(e2eeKey ?? '')) {
    setState('error', t('e2ee_cut'), [t('e2ee_cut_hint')]);
    return;
  }
  if (exchange) keyPair = newKeyPair();
  if (data.e2ee) {
    const badge = byId('encrypted');
    badge.textContent = t('encrypted');
    badge.hidden = false;
  }
  const closed = data.extras?.closed;
  if (closed && !hostKey) {
    showCountdown(closed, skew, data.lang, () => showReady());
    return;
  }
  showReady();
}

function showReady(checkNetwork = true): void {
  const limited = verdict.kind === 'limited' ? limitedDetails(verdict) : [];
  const invitee = data.extras?.invitee;
  setState('ready', limited.length > 0 ? `${t('ready')} ${t('limited')}` : t('ready'), [
    ...limited,
    ...(invitee ? [el('p', { id: 'invited', class: 'hint' }, t('invited_as', invitee))] : []),
  ]);
  const precall = byId('precall');
  precall.hidden = false;
  const name = el('input', {
    id: 'name',
    name: 'name',
    autocomplete: 'name',
    required: true,
    maxlength: 64,
  });
  name.value = data.extras?.invitee?.name ?? localStorage.getItem('callink:name') ?? '';
  const join = el('button', { type: 'submit', id: 'join' }, t('join'));
  const network = el('p', { id: 'network', role: 'status' }, t('net_checking'));
  const devices = el('div', { class: 'devices' });
  const form = el(
    'form',
    { id: 'join-form', onsubmit: (e: Event) => (e.preventDefault(), void onJoin(name.value)) },
    el('label', { for: 'name' }, t('name_label')),
    name,
    join,
  );
  precall.replaceChildren(devices, form, network);
  preview = new DevicePreview(devices, verdict.browser, () => {
    join.textContent = preview?.listenOnly ? t('join_listen') : t('join');
  });
  void preview.start();
  if (!name.value) name.focus();
  if (checkNetwork) runNetworkCheck(network);
  else network.textContent = t('net_unknown');
}

function runNetworkCheck(line: HTMLElement): void {
  void import('../call/network-check.js').then(async ({ checkNetwork }) => {
    const check = checkNetwork(data.linkId);
    networkCheck = check;
    const result = await check.result;
    // The browser passed: fetch the call module now, so Join does not wait for it.
    void loadCall().catch(() => undefined);
    if (document.body.dataset.state !== 'ready') return;
    if (result.kind === 'unavailable') {
      preview?.stop();
      setState('error', t('service_unavailable'), [
        t('service_unavailable_hint'),
        el(
          'p',
          { class: 'actions' },
          el('button', { type: 'button', onclick: () => location.reload() }, t('try_again')),
        ),
      ]);
      return;
    }
    if (result.kind === 'blocked') {
      preview?.stop();
      const retry = el(
        'button',
        { type: 'button', onclick: () => location.reload() },
        t('try_again'),
      );
      // A check can be wrong (a proxy that only slows the first connection): never a dead end.
      const anyway = el(
        'button',
        { type: 'button', class: 'secondary', onclick: () => showReady(false) },
        t('join_anyway'),
      );
      setState('blocked', t('net_blocked'), [
        t('net_blocked_hint', { host: result.host }),
        el('p', { class: 'actions' }, retry, ' ', anyway),
      ]);
      return;
    }
    line.textContent = t(
      result.kind === 'udp' ? 'net_udp' : result.kind === 'tcp' ? 'net_tcp' : 'net_unknown',
    );
  });
}

async function onJoin(rawName: string): Promise<void> {
  const name = rawName.trim();
  if (!name) return;
  localStorage.setItem('callink:name', name);
  networkCheck?.cancel();
  byId<HTMLButtonElement>('join').disabled = true;
  const me = await keyPair?.catch(() => undefined);
  if (exchange && !me) return finish('error', t('e2ee_no_keys'), [rejoinButton()]);
  const outcome = await askToJoin(name, me?.publicKey, () =>
    setState('connecting', t('connecting')),
  );
  await follow(outcome, name);
}

/** A wait's spinner and its Stop button, side by side and centred on one line. */
const waitingRow = (stop: HTMLElement): HTMLElement =>
  el(
    'p',
    { class: 'actions waiting-row' },
    el('span', { class: 'spinner', 'aria-hidden': 'true' }),
    stop,
  );

/**
 * One join request. A media server that is slow for a moment (its room lookup timed out: 503)
 * is asked again twice before the person is told the service is unavailable; a 503 handed out
 * no seat. The same for the first request and for a guest's re-asks while waiting for a host;
 * `onRetry` lets the first say Connecting (a waiting guest keeps the waiting line).
 */
async function askToJoin(
  name: string,
  publicKey: string | undefined,
  onRetry: () => void = () => undefined,
): Promise<JoinOutcome> {
  let outcome = await requestJoin(data.linkId, name, hostKey, invite, publicKey);
  for (const waitMs of UNAVAILABLE_RETRIES_MS) {
    if (outcome.kind !== 'unavailable') break;
    onRetry();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    outcome = await requestJoin(data.linkId, name, hostKey, invite, publicKey);
  }
  return outcome;
}

/** Set while a guest waits for a host to join ("guests wait until a host joins"). */
let hostWait: { cancel: () => void; cancelled: boolean } | undefined;

async function follow(outcome: JoinOutcome, name = ''): Promise<void> {
  switch (outcome.kind) {
    case 'granted':
      return enterCall(outcome.grant);
    case 'waiting_for_host': {
      // Asked again every few seconds; the line is drawn once (a live region would repeat it).
      if (!hostWait) {
        hostWait = { cancel: () => undefined, cancelled: false };
        const wait = hostWait;
        const stop = el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              wait.cancelled = true;
              wait.cancel();
            },
          },
          t('cancel_wait'),
        );
        setState('waiting', t('waiting_host'), [waitingRow(stop)]);
      }
      const wait = hostWait;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, outcome.retryAfterSeconds * 1000);
        wait.cancel = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (wait.cancelled) {
        hostWait = undefined;
        return finish('ended', t('wait_cancelled'), [rejoinButton()]);
      }
      // The same knock as the first: an E2EE guest's public key goes with every try.
      const me = await keyPair?.catch(() => undefined);
      const next = await askToJoin(name, me?.publicKey);
      if (next.kind !== 'waiting_for_host') hostWait = undefined;
      return follow(next, name);
    }
    case 'not_open':
      preview?.stop();
      byId('precall').hidden = true;
      showCountdown(
        { opensAt: outcome.opensAt, startsAt: outcome.startsAt, title: null },
        skew,
        data.lang,
        () => location.reload(),
      );
      return;
    case 'waiting': {
      const abort = new AbortController();
      let cancelled = false;
      const stop = el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            cancelled = true;
            stop.disabled = true;
            void cancelLobbyWait(outcome.ticket);
          },
        },
        t('cancel_wait'),
      );
      // While the guest waits: the call module and, for an E2EE call, its worker get ready.
      if (data.e2ee)
        void loadCall().then(
          (call) => call.prepareEncryption(),
          () => undefined,
        );
      setState('waiting', t(exchange ? 'waiting_e2ee' : 'waiting'), [waitingRow(stop)]);
      byId('message').scrollIntoView({ block: 'nearest' });
      addEventListener('pagehide', () => abort.abort(), { once: true });
      const lobby = await waitInLobby(outcome.ticket, abort.signal);
      if (cancelled) return finish('ended', t('wait_cancelled'), [rejoinButton()]);
      if (lobby.kind === 'granted') return enterCall(lobby.grant);
      if (lobby.kind === 'denied') return finish('denied', t('denied'));
      if (lobby.kind === 'expired') return finish('error', t('lobby_expired'), [rejoinButton()]);
      return finish('error', t('error'), [rejoinButton()]);
    }
    case 'full':
      return finish('full', t('full'), [t('full_hint'), rejoinButton()]);
    case 'revoked':
      return finish('revoked', t('revoked'), [t('revoked_hint')]);
    case 'disabled':
      return finish('error', t('links_disabled'), [t('links_disabled_hint')]);
    case 'rate_limited':
      return finish('error', t('rate_limited'), [rejoinButton()]);
    case 'bad_name':
      return finish('error', t('name_invisible'), [rejoinButton()]);
    case 'browser_refused':
      return finish('unsupported', t('browser_refused'));
    case 'unavailable':
      return finish('error', t('service_unavailable'), [
        t('service_unavailable_hint'),
        rejoinButton(),
      ]);
    default:
      return finish('error', t('error'), [rejoinButton()]);
  }
}

function finish(
  state: Parameters<typeof setState>[0],
  message: string,
  details: (Node | string)[] = [],
) {
  preview?.stop();
  setState(state, message, details);
}

function rejoinButton(label = t('rejoin')): HTMLButtonElement {
  return el('button', { type: 'button', onclick: () => location.reload() }, label);
}

async function enterCall(grant: Grant): Promise<void> {
  // A reload in the call would drop it: the language is picked before joining.
  document.querySelector('header.top .lang')?.remove();
  setState('connecting', t('connecting'));
  const listenOnly = preview?.listenOnly ?? true;
  const tracks = preview?.takeTracks() ?? [];
  byId('precall').hidden = true;
  try {
    const call = await loadCall();
    await call.startCall({
      data,
      grant,
      tracks,
      listenOnly,
      micOn: preview?.micOn ?? true,
      cameraOn: preview?.cameraOn ?? true,
      speakerId: preview?.speakerId,
      e2eeKey: exchange ? undefined : e2eeKey,
      ...(exchange && keyPair
        ? { exchange: { me: await keyPair, admitted: grant.e2ee?.key } }
        : {}),
      hostKey: grant.host ? hostKey : undefined,
      canShareScreen: !verdict.limits.includes('screen_share'),
      root: byId('call'),
      // A deleted link has nothing to rejoin; everything else offers the way back in.
      onEnd: (state, message, details, rejoinLabel) =>
        finish(state, message, [
          ...(details ?? []),
          ...(state === 'revoked' ? [] : [rejoinButton(rejoinLabel)]),
        ]),
    });
  } catch (error) {
    for (const track of tracks) track.stop();
    const full = error instanceof Error && error.name === 'CallFullError';
    finish(full ? 'full' : 'error', full ? t('full') : t('error'), [
      full ? t('full_hint') : error instanceof Error ? error.message : '',
      rejoinButton(),
    ]);
  }
}

try {
  start();
} catch (error) {
  setState('error', t('error'), [error instanceof Error ? error.message : String(error)]);
}
