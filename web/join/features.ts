/** Measures what this browser can do, for the verdict of src/core/browsers.ts. */
import type { BrowserFeatures } from '../../src/core/browsers.js';

const LOCAL = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export function measureFeatures(): BrowserFeatures {
  const w = window as unknown as Record<string, unknown>;
  const media = navigator.mediaDevices as Partial<MediaDevices> | undefined;
  const sender = w.RTCRtpSender as { prototype?: Record<string, unknown> } | undefined;
  return {
    secureContext: window.isSecureContext === true,
    localHost: LOCAL.test(location.hostname),
    rtcPeerConnection:
      typeof w.RTCPeerConnection === 'function' &&
      'addTransceiver' in (w.RTCPeerConnection as { prototype: object }).prototype,
    getUserMedia: typeof media?.getUserMedia === 'function',
    webSocket: typeof w.WebSocket === 'function',
    encodedTransforms:
      typeof w.RTCRtpScriptTransform === 'function' ||
      (typeof sender?.prototype?.createEncodedStreams === 'function' &&
        typeof w.Worker === 'function'),
    getDisplayMedia: typeof media?.getDisplayMedia === 'function',
    audioOutputSelect: 'setSinkId' in HTMLMediaElement.prototype,
  };
}
