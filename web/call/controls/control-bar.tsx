/**
 * The control bar. Mic and camera go through the session's MediaSwitch, screen share through
 * LiveKit's useTrackToggle. Each button's name says what pressing it does ("Mute" while the mic
 * is on) and aria-pressed says whether the thing is on (mic, camera, share, hand raised, panel
 * open), as LiveKit's TrackToggle does.
 */
import { useTrackToggle } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t, type StringKey } from '../../join/ui.js';
import { useSession } from '../session.js';
import { REACTIONS } from '../state/signals.js';
import { useStore } from '../state/store.js';
import { DeviceMenu } from './device-menu.js';
import { ICONS } from './icons.js';
import type { Panel } from './ui-state.js';

/** Mic or camera: shows a press at once; presses are applied in order (MediaSwitch). */
function SwitchToggle(props: {
  which: 'mic' | 'camera';
  whenOn: StringKey;
  whenOff: StringKey;
  icon: ReactNode;
  iconOff: ReactNode;
}) {
  const sw = useSession()[props.which];
  const enabled = useStore(sw.on);
  return (
    <button
      type="button"
      className={`ctl ${enabled ? 'on' : 'off'}`}
      aria-pressed={enabled ? 'true' : 'false'}
      data-control={props.which === 'mic' ? Track.Source.Microphone : Track.Source.Camera}
      title={t(enabled ? props.whenOn : props.whenOff)}
      onClick={() => void sw.toggle().catch(() => undefined)}
    >
      <span className="ctl-icon" aria-hidden="true">
        {enabled ? props.icon : props.iconOff}
      </span>
      <span className="ctl-label">{t(enabled ? props.whenOn : props.whenOff)}</span>
    </button>
  );
}

/** Screen share, LiveKit's useTrackToggle (one press opens the browser's picker). */
function ShareToggle() {
  const { toggle, enabled, pending } = useTrackToggle({ source: Track.Source.ScreenShare });
  const label = t(enabled ? 'share_stop' : 'share_start');
  return (
    <button
      type="button"
      className={`ctl ${enabled ? 'on' : 'off'}`}
      aria-pressed={enabled ? 'true' : 'false'}
      disabled={pending}
      data-control={Track.Source.ScreenShare}
      title={label}
      onClick={() => void toggle()}
    >
      <span className="ctl-icon" aria-hidden="true">
        {enabled ? ICONS.shareStop : ICONS.share}
      </span>
      <span className="ctl-label">{label}</span>
    </button>
  );
}

function Ctl(props: {
  label: string;
  icon: ReactNode;
  pressed?: boolean;
  className?: string;
  badge?: ReactNode;
  describedBy?: string;
  onClick(): void;
}) {
  return (
    <button
      type="button"
      className={`ctl ${props.className ?? ''}`}
      aria-describedby={props.describedBy}
      title={props.label}
      aria-pressed={props.pressed === undefined ? undefined : props.pressed ? 'true' : 'false'}
      onClick={props.onClick}
    >
      <span className="ctl-icon" aria-hidden="true">
        {props.icon}
      </span>
      <span className="ctl-label">{props.label}</span>
      {props.badge}
    </button>
  );
}

export interface ControlBarProps {
  panel: Panel;
  setPanel(panel: Panel): void;
  speakerView: boolean;
  setSpeakerView(on: boolean): void;
  fullscreen: boolean;
  toggleFullscreen(): void;
  onHelp(): void;
  onEnd(): void;
}

export function ControlBar(p: ControlBarProps) {
  const { signals, chat, room, listenOnly, canShareScreen, hostKey, leave } = useSession();
  const hands = useStore(signals.hands);
  const unread = useStore(chat.unread);
  const [reacting, setReacting] = useState(false);
  const handUp = hands.includes(room.localParticipant.identity);
  const chatOpen = p.panel === 'chat';
  const bar = useRef<HTMLDivElement>(null);
  // Keyboard users land on the controls once in the call (the Join button is gone).
  useEffect(() => bar.current?.querySelector('button')?.focus(), []);

  return (
    <div className="controls" role="toolbar" aria-label={t('controls')} ref={bar}>
      {!listenOnly && (
        <>
          <SwitchToggle
            which="mic"
            whenOn="mute"
            whenOff="unmute"
            icon={ICONS.mic}
            iconOff={ICONS.micOff}
          />
          <SwitchToggle
            which="camera"
            whenOn="camera_stop"
            whenOff="camera_start"
            icon={ICONS.camera}
            iconOff={ICONS.cameraOff}
          />
        </>
      )}
      {canShareScreen && <ShareToggle />}
      <Ctl
        label={t(handUp ? 'lower_hand' : 'raise_hand')}
        icon={ICONS.hand}
        pressed={handUp}
        onClick={() => void signals.raiseHand(!handUp)}
      />
      <div className="menu-anchor">
        <Ctl
          label={t('react')}
          icon={ICONS.react}
          pressed={reacting}
          onClick={() => setReacting(!reacting)}
        />
        {reacting && (
          <div className="menu reactions-menu" role="group" aria-label={t('react')}>
            {REACTIONS.map((emoji) => (
              <button
                key={emoji}
                type="button"
                className="emoji-button"
                aria-label={emoji}
                onClick={() => void signals.react(emoji)}
              >
                {emoji}
              </button>
            ))}
          </div>
        )}
      </div>
      <Ctl
        label={t('chat')}
        icon={ICONS.chat}
        pressed={chatOpen}
        onClick={() => p.setPanel(chatOpen ? null : 'chat')}
        describedBy={unread > 0 && !chatOpen ? 'chat-unread' : undefined}
        badge={
          unread > 0 && !chatOpen ? (
            <span className="unread" aria-hidden="true">
              {unread}
            </span>
          ) : null
        }
      />
      {unread > 0 && !chatOpen && (
        <span id="chat-unread" className="sr-only">
          {t('chat_unread', { count: unread })}
        </span>
      )}
      <Ctl
        label={t('participants')}
        icon={ICONS.people}
        pressed={p.panel === 'people'}
        onClick={() => p.setPanel(p.panel === 'people' ? null : 'people')}
      />
      <Ctl
        label={t('layout_speaker')}
        icon={ICONS.speaker}
        className="wide-only"
        pressed={p.speakerView}
        onClick={() => p.setSpeakerView(!p.speakerView)}
      />
      <Ctl
        label={t(p.fullscreen ? 'fullscreen_exit' : 'fullscreen')}
        icon={ICONS.fullscreen}
        className="wide-only"
        pressed={p.fullscreen}
        onClick={p.toggleFullscreen}
      />
      {!listenOnly && <DeviceMenu />}
      <Ctl label={t('shortcuts')} icon={ICONS.keyboard} className="wide-only" onClick={p.onHelp} />
      <Ctl label={t('leave')} icon={ICONS.leave} className="danger" onClick={leave} />
      {hostKey && (
        <Ctl label={t('end_call')} icon={ICONS.end} className="danger" onClick={p.onEnd} />
      )}
    </div>
  );
}
