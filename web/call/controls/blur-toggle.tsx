/**
 * "Blur background" in the devices menu: a toggle (aria-pressed) with one plain line under it
 * that says what is happening: starting, on, could not start, or why this browser cannot.
 */
import { useId, useLayoutEffect } from 'react';
import { t, type StringKey } from '../../join/ui.js';
import type { BlurState } from '../blur/blur-control.js';
import { useSession } from '../session.js';
import { useStore } from '../state/store.js';

function note(state: BlurState): StringKey | null {
  switch (state.kind) {
    case 'off':
      return null;
    case 'starting':
      return 'blur_starting';
    case 'on':
      return 'blur_on';
    case 'no_camera':
      return 'blur_no_camera';
    case 'failed':
      return 'blur_failed';
    case 'unsupported':
      return state.reason;
  }
}

export function BlurToggle() {
  const { blur } = useSession();
  // Before the first paint, so an unsupported browser never shows a live switch.
  useLayoutEffect(() => blur.check(), [blur]);
  const state = useStore(blur.state);
  const id = useId();
  const unsupported = state.kind === 'unsupported';
  const pressed = !unsupported && blur.on;
  const line = note(state);
  return (
    <div
      className="blur-row"
      data-blur={state.kind}
      data-processor={state.kind === 'on' ? state.processor : undefined}
    >
      <button
        type="button"
        className={`toggle ${pressed ? 'on' : 'off'}`}
        aria-pressed={pressed ? 'true' : 'false'}
        aria-describedby={line ? id : undefined}
        disabled={unsupported}
        onClick={() => void blur.set(!blur.on)}
      >
        {t('blur')}
      </button>
      <p id={id} className="blur-note" role="status">
        {line ? t(line) : ''}
      </p>
    </div>
  );
}
