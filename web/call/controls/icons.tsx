/**
 * Icons for the controls: LiveKit's own where it has one, small line drawings for the rest
 * (SVG, so they render without an emoji font). All are decorative: buttons carry the names.
 */
import {
  CameraDisabledIcon,
  CameraIcon,
  ChatIcon,
  GearIcon,
  LeaveIcon,
  MicDisabledIcon,
  MicIcon,
  ScreenShareIcon,
  ScreenShareStopIcon,
} from '@livekit/components-react';
import type { ReactNode } from 'react';

function Line({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const ICONS = {
  mic: <MicIcon aria-hidden="true" />,
  micOff: <MicDisabledIcon aria-hidden="true" />,
  camera: <CameraIcon aria-hidden="true" />,
  cameraOff: <CameraDisabledIcon aria-hidden="true" />,
  share: <ScreenShareIcon aria-hidden="true" />,
  shareStop: <ScreenShareStopIcon aria-hidden="true" />,
  chat: <ChatIcon aria-hidden="true" />,
  leave: <LeaveIcon aria-hidden="true" />,
  devices: <GearIcon aria-hidden="true" />,
  hand: (
    <Line>
      <path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V12M11 11V4a1.5 1.5 0 0 1 3 0v7M14 11V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.5a6 6 0 0 1-5-2.7L2.7 15a1.5 1.5 0 0 1 2.5-1.7L8 16" />
    </Line>
  ),
  react: (
    <Line>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 14a4.5 4.5 0 0 0 8 0M9 9.5h.01M15 9.5h.01" />
    </Line>
  ),
  people: (
    <Line>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18 14a6 6 0 0 1 3.5 6" />
    </Line>
  ),
  speaker: (
    <Line>
      <rect x="3" y="4" width="18" height="11" rx="2" />
      <rect x="3" y="17" width="5" height="3" rx="1" />
      <rect x="9.5" y="17" width="5" height="3" rx="1" />
      <rect x="16" y="17" width="5" height="3" rx="1" />
    </Line>
  ),
  fullscreen: (
    <Line>
      <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
    </Line>
  ),
  keyboard: (
    <Line>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </Line>
  ),
  pin: (
    <Line>
      <path d="M9 4h6l-1 5 4 4H6l4-4-1-5zM12 13v7" />
    </Line>
  ),
  end: (
    <Line>
      <rect x="6" y="6" width="12" height="12" rx="1.5" />
    </Line>
  ),
};
