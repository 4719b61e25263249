/** The call's control bar: mute, camera, screen share (where the browser can), list, leave. */
import type { Room } from 'livekit-client';
import { el, t, type StringKey } from '../join/ui.js';

/** A button whose label says what pressing it will do ("Mute" while the mic is on). */
function toggle(
  whenOn: StringKey,
  whenOff: StringKey,
  isOn: () => boolean,
  setOn: (on: boolean) => Promise<unknown>,
): HTMLButtonElement {
  const button = el('button', { type: 'button' });
  const sync = () => (button.textContent = t(isOn() ? whenOn : whenOff));
  button.addEventListener('click', () => {
    button.disabled = true;
    void setOn(!isOn())
      .catch(() => undefined)
      .finally(() => {
        button.disabled = false;
        sync();
      });
  });
  sync();
  return button;
}

export class Controls {
  readonly element = el('div', {
    class: 'controls',
    role: 'toolbar',
    'aria-label': t('controls'),
  });

  constructor(
    room: Room,
    o: { listenOnly: boolean; canShareScreen: boolean; onToggleList(): void },
  ) {
    const lp = room.localParticipant;
    const mic = toggle(
      'mute',
      'unmute',
      () => lp.isMicrophoneEnabled,
      (v) => lp.setMicrophoneEnabled(v),
    );
    const camera = toggle(
      'camera_stop',
      'camera_start',
      () => lp.isCameraEnabled,
      (v) => lp.setCameraEnabled(v),
    );
    const share = toggle(
      'share_stop',
      'share_start',
      () => lp.isScreenShareEnabled,
      (v) => lp.setScreenShareEnabled(v),
    );
    const list = el(
      'button',
      { type: 'button', onclick: () => o.onToggleList() },
      t('participants'),
    );
    const leave = el(
      'button',
      { type: 'button', class: 'danger', onclick: () => void room.disconnect() },
      t('leave'),
    );
    // Listen-only people have no devices to toggle; screen sharing only where it works.
    this.element.append(
      ...(o.listenOnly ? [] : [mic, camera]),
      ...(o.canShareScreen ? [share] : []),
      list,
      leave,
    );
  }

  focus(): void {
    this.element.querySelector('button')?.focus();
  }
}
