/**
 * English strings of the join page. The server picks a language by Accept-Language and sends
 * the whole table in the page's data block; `{name}` placeholders are filled in by the page.
 */
export const en = {
  checking: 'Checking that this browser can take the call…',
  ready: 'Everything is ready. Enter your name and join.',
  limited: 'You can join, but some things will not work in this browser:',
  limit_screen_share:
    'sharing your screen (not possible on phones and tablets, or in this browser)',
  limit_speaker_select: "choosing the speaker (your system's default output is used)",
  limit_untested: 'this browser is not tested; if something fails, use {browsers}',
  unsupported: 'This browser cannot take the call.',
  problem_old_version: '{browser} {version} is too old: version {min} or newer is needed.',
  problem_no_webrtc: 'This browser cannot make video calls (it has no WebRTC).',
  problem_no_media_devices: 'This browser cannot use a camera or microphone.',
  problem_no_websocket: 'This browser cannot keep a live connection to the call (no WebSocket).',
  problem_no_e2ee: 'This call is end-to-end encrypted, and this browser cannot encrypt calls.',
  problem_not_allowed: 'Your organization allows only these browsers: {browsers}.',
  use_instead: 'Open this link in {browsers}.',
  update_chrome: 'To update Chrome: menu ⋮ → Help → About Google Chrome, then relaunch.',
  update_edge: 'To update Edge: menu … → Settings → About Microsoft Edge, then restart.',
  update_firefox: 'To update Firefox: menu ☰ → Help → About Firefox, then restart.',
  update_safari: 'Safari updates with macOS: System Settings → General → Software Update.',
  update_ios:
    'On iPhone and iPad every browser updates with iOS: Settings → General → Software Update.',
  update_samsung: 'To update Samsung Internet: Galaxy Store → Menu → Updates.',
  insecure:
    'This page was opened over an unencrypted connection (http://), so no browser will let it use your camera or microphone.',
  insecure_hint: 'Open the link that starts with https://, or ask the organizer to set up HTTPS.',
  links_disabled: 'Calls are disabled by the organization.',
  links_disabled_hint: "Ask your organization's administrator if you think this is a mistake.",
  e2ee_cut:
    'This link is incomplete: the encryption key at its end is missing, perhaps cut by an email program.',
  e2ee_cut_hint:
    'Open the invitation again and copy the whole link, including everything after the #.',
  name_label: 'Your name',
  join: 'Join call',
  join_listen: 'Join listen-only',
  camera: 'Camera',
  microphone: 'Microphone',
  speaker: 'Speaker',
  mic_level: 'Microphone level',
  camera_off: 'No camera',
  perm_denied: 'This page is not allowed to use your camera and microphone.',
  perm_help_chrome:
    'Click the camera icon at the right of the address bar, choose “Always allow”, then reload the page.',
  perm_help_edge:
    'Click the lock icon at the left of the address bar, set Camera and Microphone to Allow, then reload the page.',
  perm_help_firefox:
    'Click the crossed-out camera icon at the left of the address bar, clear the blocks, then reload the page.',
  perm_help_safari:
    'Safari menu → Settings for this Website → Camera and Microphone: Allow, then reload the page.',
  perm_help_ios:
    'Tap “aA” in the address bar → Website Settings → Camera and Microphone: Allow, then reload.',
  perm_help_samsung:
    'Tap the lock icon in the address bar → Permissions → allow Camera and Microphone, then reload.',
  perm_help_other:
    "Allow the camera and microphone in your browser's site settings, then reload the page.",
  no_devices: 'No camera or microphone was found. You can still join to watch and listen.',
  listen_only_note: 'You will join listen-only: others will not see or hear you.',
  net_checking: 'Checking your network…',
  net_udp: 'Network: good.',
  net_tcp: 'Network: calls work, but only over TCP, so quality may be lower.',
  net_blocked: 'Your network blocks calls: this page could not reach the call server.',
  net_blocked_hint:
    "Try another network (for example your phone's hotspot), turn off a VPN or proxy, or ask your IT team to allow {host}.",
  net_unknown: 'The network could not be checked; you can still try to join.',
  try_again: 'Try again',
  join_anyway: 'Try to join anyway',
  waiting: 'Waiting for the host to let you in…',
  connecting: 'Connecting to the call…',
  joined: 'You are in the call.',
  full: 'This call is full.',
  full_hint: 'Try again later, or ask the organizer to allow more people.',
  denied: 'The host did not let you in.',
  revoked: 'This link was deleted by its owner, so the call can no longer be joined.',
  revoked_hint: 'Ask the organizer for a new link.',
  ended: 'The call has ended.',
  removed: 'The host removed you from the call.',
  error: 'Something went wrong while joining.',
  unavailable: 'Calls are unavailable right now. Please try again in a few minutes.',
  rate_limited: 'Too many attempts. Wait a minute, then try again.',
  name_invisible: 'Enter a name people can see (letters, digits or emoji).',
  browser_refused: 'Your organization does not allow this browser for calls.',
  lobby_expired: 'Your wait in the lobby timed out. Join again to knock once more.',
  reconnecting: 'Connection lost. Reconnecting…',
  mute: 'Mute',
  unmute: 'Unmute',
  camera_stop: 'Stop camera',
  camera_start: 'Start camera',
  share_start: 'Share screen',
  share_stop: 'Stop sharing',
  leave: 'Leave',
  controls: 'Call controls',
  participants: 'Participants',
  you: '(you)',
  host_panel: 'Host',
  lobby_waiting: 'Waiting to join',
  lobby_empty: 'Nobody is waiting.',
  admit: 'Admit',
  deny: 'Deny',
  remove: 'Remove',
  end_call: 'End call for everyone',
  encrypted: 'End-to-end encrypted',
  rejoin: 'Join again',
};

export type JoinStrings = typeof en;
