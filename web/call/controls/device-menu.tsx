/**
 * Switching microphone, camera and speaker during the call (LiveKit's useMediaDeviceSelect),
 * and background blur.
 */
import { useMediaDeviceSelect } from '@livekit/components-react';
import { useId, useState } from 'react';
import { t, type StringKey } from '../../join/ui.js';
import { BlurToggle } from './blur-toggle.js';
import { ICONS } from './icons.js';

/**
 * One device list. LiveKit's activeDeviceId changes only once the switch has finished (the new
 * device opened and its track replaced, a second or more on a slow machine), so the list shows
 * the device being switched to from the moment it is chosen, and goes back to what LiveKit
 * reports once the switch ends, failed or not.
 */
function DeviceSelect({ kind, label }: { kind: MediaDeviceKind; label: StringKey }) {
  const id = useId();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind });
  const [switchingTo, setSwitchingTo] = useState<string | undefined>();
  if (devices.length === 0) return null;
  const choose = (deviceId: string) => {
    setSwitchingTo(deviceId);
    setActiveMediaDevice(deviceId)
      .catch(() => undefined)
      .finally(() => setSwitchingTo((now) => (now === deviceId ? undefined : now)));
  };
  return (
    <div className="device-row">
      <label htmlFor={id}>{t(label)}</label>
      <select
        id={id}
        value={switchingTo ?? activeDeviceId}
        aria-busy={switchingTo === undefined ? undefined : 'true'}
        onChange={(e) => choose(e.target.value)}
      >
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${t(label)} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DeviceMenu() {
  const [open, setOpen] = useState(false);
  const canPickSpeaker = 'setSinkId' in HTMLMediaElement.prototype;
  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="ctl"
        aria-expanded={open ? 'true' : 'false'}
        title={t('devices')}
        onClick={() => setOpen(!open)}
      >
        <span className="ctl-icon" aria-hidden="true">
          {ICONS.devices}
        </span>
        <span className="ctl-label">{t('devices')}</span>
      </button>
      {open && (
        <div className="menu devices-menu" role="group" aria-label={t('devices')}>
          <DeviceSelect kind="audioinput" label="microphone" />
          <DeviceSelect kind="videoinput" label="camera" />
          {canPickSpeaker && <DeviceSelect kind="audiooutput" label="speaker" />}
          <BlurToggle />
        </div>
      )}
    </div>
  );
}
