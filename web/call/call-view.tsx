/**
 * The call's page: stage, control bar, side panel (chat or people), host's knock cards,
 * reconnect banner, live region, shortcuts and dialogs. LiveKit's RoomContext and
 * LayoutContext (pins) carry the room; callink's own UI state is the few useStates here.
 */
import {
  LayoutContextProvider,
  RoomAudioRenderer,
  RoomContext,
  useConnectionState,
  useCreateLayoutContext,
} from '@livekit/components-react';
import '@livekit/components-styles';
import { ConnectionState } from 'livekit-client';
import { useEffect, useState } from 'react';
import { t } from '../join/ui.js';
import { ControlBar } from './controls/control-bar.js';
import { CallHints } from './controls/hints.js';
import { useDeviceOnUnmute } from './controls/device-on-unmute.js';
import { E2eeBanner } from './e2ee/e2ee-view.js';
import { HelpSheet, useShortcuts } from './controls/shortcuts.js';
import type { Panel } from './controls/ui-state.js';
import { ConfirmDialog } from './host/confirm.js';
import { KnockCards, useLobby } from './host/lobby.js';
import { Stage } from './layouts/stage.js';
import { ChatPanel } from './panels/chat-panel.js';
import { PeoplePanel } from './panels/people-panel.js';
import { SessionContext, useSession, type CallSession } from './session.js';
import { useStore } from './state/store.js';
import './call.css';

/** "Reconnecting" only after a second of trouble, and never while leaving or ending. */
function ReconnectBanner({ isEnding }: { isEnding(): boolean }) {
  const state = useConnectionState();
  const troubled =
    state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting;
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (!troubled) return setShow(false);
    const timer = setTimeout(() => setShow(!isEnding()), 1000);
    return () => clearTimeout(timer);
  }, [troubled, isEnding]);
  if (!show) return null;
  return (
    <p className="banner" role="alert">
      {t('reconnecting')}
    </p>
  );
}

function LiveRegion() {
  const { signals } = useSession();
  const { text, n } = useStore(signals.announcement);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true">
      {text ? <span key={n}>{text}</span> : null}
    </div>
  );
}

function useTabTitle(knocks: number): void {
  const { data, mic } = useSession();
  const muted = !useStore(mic.on);
  useEffect(() => {
    const base = data.title ? `${data.title} · callink` : 'callink';
    const withKnocks = knocks > 0 ? t('knocks_title', { count: knocks, title: base }) : base;
    document.title = muted ? `🔇 ${withKnocks}` : withKnocks;
  }, [data.title, knocks, muted]);
}

function CallLayout({ isEnding, onReady }: { isEnding(): boolean; onReady(): void }) {
  const session = useSession();
  const { room, signals, hostKey } = session;
  const [panel, setPanel] = useState<Panel>(null);
  const [speakerView, setSpeakerView] = useState(false);
  const [help, setHelp] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [fullscreen, setFullscreen] = useState(Boolean(document.fullscreenElement));
  const lobby = useLobby();
  useTabTitle(lobby.knocks.length);
  useDeviceOnUnmute(room);
  useEffect(() => {
    const sync = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  useEffect(() => {
    signals.say = (key, name, vars) => t(key, { ...vars, name });
  }, [signals]);

  const lp = room.localParticipant;
  useShortcuts({
    mute: () => void session.mic.toggle().catch(() => undefined),
    camera: () => void session.camera.toggle().catch(() => undefined),
    hand: () => void signals.raiseHand(!signals.hands.get().includes(lp.identity)),
    chat: () => setPanel((p) => (p === 'chat' ? null : 'chat')),
    leave: session.leave,
    help: () => setHelp(true),
  });

  // Declared last: the page says "joined" once shortcuts and controls are live.
  useEffect(() => onReady(), [onReady]);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else
      void document
        .getElementById('call')
        ?.requestFullscreen?.()
        .catch(() => undefined);
  };

  return (
    <div className="call" data-panel={panel ?? 'none'}>
      <ReconnectBanner isEnding={isEnding} />
      <E2eeBanner />
      <div className="call-main">
        <Stage mode={speakerView ? 'speaker' : 'grid'} />
        {panel === 'chat' && <ChatPanel onClose={() => setPanel(null)} />}
        {panel === 'people' && (
          <PeoplePanel
            onClose={() => setPanel(null)}
            onRemove={
              lobby.api
                ? async (p) => {
                    session.exchange?.removing(p.identity);
                    await lobby.api?.remove(p.identity);
                  }
                : undefined
            }
          />
        )}
        <KnockCards knocks={lobby.knocks} api={lobby.api} />
        <CallHints />
      </div>
      <ControlBar
        panel={panel}
        setPanel={setPanel}
        speakerView={speakerView}
        setSpeakerView={setSpeakerView}
        fullscreen={fullscreen}
        toggleFullscreen={toggleFullscreen}
        onHelp={() => setHelp(true)}
        onEnd={() => setConfirmEnd(true)}
      />
      <p className="sr-only">{t('shortcuts_hint')}</p>
      <LiveRegion />
      <RoomAudioRenderer />
      {help && <HelpSheet onClose={() => setHelp(false)} />}
      {confirmEnd && hostKey && (
        <ConfirmDialog
          question={t('end_confirm')}
          confirm={t('confirm_end')}
          failed={t('end_failed')}
          onCancel={() => setConfirmEnd(false)}
          onConfirm={() => session.endForAll()}
        />
      )}
    </div>
  );
}

export function CallView(props: { session: CallSession; isEnding(): boolean; onReady(): void }) {
  const { session } = props;
  const layout = useCreateLayoutContext();
  return (
    <SessionContext.Provider value={session}>
      <RoomContext.Provider value={session.room}>
        <LayoutContextProvider value={layout}>
          <CallLayout isEnding={props.isEnding} onReady={props.onReady} />
        </LayoutContextProvider>
      </RoomContext.Provider>
    </SessionContext.Provider>
  );
}
