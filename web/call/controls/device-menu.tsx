/**
 * Switching microphone, camera and speaker during the call (LiveKit's useMediaDeviceSelect),
 * and background blur.
 */
import { useMediaDeviceSelect } from '@livekit/components-react';
import { useId, useState } from 'react';
import { t, type StringKey } from '../../join/ui.js';
import { BlurToggle } from './blur-toggle.js';
import { ICONS } from './icons.js';

function DeviceSelect({ kind, label }: { kind: MediaDeviceKind; label: StringKey }) {
  const id = useId();
  const { devices, activeDeviceId, setActiveMediaDevice } = useMediaDeviceSelect({ kind });
  if (devices.length === 0) return null;
  return (
    <div className="device-row">
      <label htmlFor={id}>{t(label)}</label>
      <select
        id={id}
        value={activeDeviceId}
        onChange={(e) => void setActiveMediaDevice(e.target.value)}
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
