/** German strings of the join page (same keys as en.ts; the type checker keeps them in step). */
import type { JoinStrings } from './en.js';

export const de: JoinStrings = {
  language: 'Sprache',
  checking: 'Es wird geprüft, ob dieser Browser am Anruf teilnehmen kann…',
  ready: 'Alles bereit. Geben Sie Ihren Namen ein und treten Sie bei.',
  limited: 'Sie können teilnehmen, aber in diesem Browser funktioniert nicht alles:',
  limit_screen_share:
    'Bildschirm teilen (auf Telefonen und Tablets oder in diesem Browser nicht möglich)',
  limit_speaker_select: 'Lautsprecher wählen (die Standardausgabe des Systems wird verwendet)',
  limit_untested:
    'dieser Browser ist nicht getestet; falls etwas nicht geht, nutzen Sie {browsers}',
  unsupported: 'Mit diesem Browser ist keine Teilnahme möglich.',
  problem_old_version: '{browser} {version} ist zu alt: Version {min} oder neuer wird benötigt.',
  problem_no_webrtc: 'Dieser Browser kann keine Videoanrufe (kein WebRTC).',
  problem_no_media_devices: 'Dieser Browser kann keine Kamera und kein Mikrofon verwenden.',
  problem_no_websocket: 'Dieser Browser kann keine dauerhafte Verbindung halten (kein WebSocket).',
  problem_no_e2ee:
    'Dieser Anruf ist Ende-zu-Ende-verschlüsselt, und dieser Browser kann nicht verschlüsseln.',
  problem_not_allowed: 'Ihre Organisation erlaubt nur diese Browser: {browsers}.',
  use_instead: 'Öffnen Sie diesen Link in {browsers}.',
  update_chrome: 'Chrome aktualisieren: Menü ⋮ → Hilfe → Über Google Chrome, dann neu starten.',
  update_edge:
    'Edge aktualisieren: Menü … → Einstellungen → Infos zu Microsoft Edge, dann neu starten.',
  update_firefox: 'Firefox aktualisieren: Menü ☰ → Hilfe → Über Firefox, dann neu starten.',
  update_safari:
    'Safari wird mit macOS aktualisiert: Systemeinstellungen → Allgemein → Softwareupdate.',
  update_ios:
    'Auf iPhone und iPad wird jeder Browser mit iOS aktualisiert: Einstellungen → Allgemein → Softwareupdate.',
  update_samsung: 'Samsung Internet aktualisieren: Galaxy Store → Menü → Updates.',
  insecure:
    'Diese Seite wurde unverschlüsselt (http://) geöffnet, daher erlaubt kein Browser Kamera oder Mikrofon.',
  insecure_hint:
    'Öffnen Sie den Link mit https://, oder bitten Sie den Organisator, HTTPS einzurichten.',
  links_disabled: 'Anrufe sind von der Organisation deaktiviert.',
  links_disabled_hint:
    'Wenden Sie sich an die Administration Ihrer Organisation, falls das ein Fehler ist.',
  e2ee_cut:
    'Dieser Link ist unvollständig: Der Schlüssel am Ende fehlt, vielleicht von einem E-Mail-Programm abgeschnitten.',
  e2ee_cut_hint:
    'Öffnen Sie die Einladung erneut und kopieren Sie den ganzen Link, auch alles nach dem #.',
  name_label: 'Ihr Name',
  join: 'Beitreten',
  join_listen: 'Nur zuhören und beitreten',
  camera: 'Kamera',
  microphone: 'Mikrofon',
  speaker: 'Lautsprecher',
  mic_level: 'Mikrofonpegel',
  camera_off: 'Keine Kamera',
  perm_denied: 'Diese Seite darf Kamera und Mikrofon nicht verwenden.',
  perm_help_chrome:
    'Klicken Sie rechts in der Adressleiste auf das Kamerasymbol, wählen Sie „Immer erlauben“ und laden Sie die Seite neu.',
  perm_help_edge:
    'Klicken Sie links in der Adressleiste auf das Schloss, erlauben Sie Kamera und Mikrofon und laden Sie die Seite neu.',
  perm_help_firefox:
    'Klicken Sie links in der Adressleiste auf das durchgestrichene Kamerasymbol, heben Sie die Sperre auf und laden Sie neu.',
  perm_help_safari:
    'Safari-Menü → Einstellungen für diese Website → Kamera und Mikrofon: Erlauben, dann neu laden.',
  perm_help_ios:
    'Tippen Sie in der Adressleiste auf „aA“ → Website-Einstellungen → Kamera und Mikrofon: Erlauben, dann neu laden.',
  perm_help_samsung:
    'Tippen Sie auf das Schloss in der Adressleiste → Berechtigungen → Kamera und Mikrofon erlauben, dann neu laden.',
  perm_help_other:
    'Erlauben Sie Kamera und Mikrofon in den Website-Einstellungen Ihres Browsers und laden Sie die Seite neu.',
  no_devices: 'Keine Kamera und kein Mikrofon gefunden. Sie können trotzdem zuschauen und zuhören.',
  listen_only_note: 'Sie treten nur zuhörend bei: Andere sehen und hören Sie nicht.',
  net_checking: 'Ihr Netzwerk wird geprüft…',
  net_udp: 'Netzwerk: gut.',
  net_tcp: 'Netzwerk: Anrufe gehen, aber nur über TCP; die Qualität kann geringer sein.',
  net_blocked: 'Ihr Netzwerk blockiert Anrufe: Der Anrufserver war nicht erreichbar.',
  net_blocked_hint:
    'Versuchen Sie ein anderes Netzwerk (etwa den Hotspot Ihres Telefons), schalten Sie VPN oder Proxy aus, oder bitten Sie Ihre IT, {host} freizugeben.',
  net_unknown: 'Das Netzwerk konnte nicht geprüft werden; Sie können trotzdem beitreten.',
  try_again: 'Erneut versuchen',
  join_anyway: 'Trotzdem versuchen beizutreten',
  waiting: 'Warten, bis der Gastgeber Sie hereinlässt…',
  connecting: 'Verbindung zum Anruf wird aufgebaut…',
  joined: 'Sie sind im Anruf.',
  full: 'Dieser Anruf ist voll.',
  full_hint:
    'Versuchen Sie es später erneut, oder bitten Sie den Organisator, mehr Personen zuzulassen.',
  denied: 'Der Gastgeber hat Sie nicht hereingelassen.',
  revoked:
    'Dieser Link wurde von seinem Besitzer gelöscht; dem Anruf kann nicht mehr beigetreten werden.',
  revoked_hint: 'Bitten Sie den Organisator um einen neuen Link.',
  ended: 'Der Anruf ist beendet.',
  removed: 'Der Gastgeber hat Sie aus dem Anruf entfernt.',
  error: 'Beim Beitreten ist etwas schiefgegangen.',
  unavailable:
    'Anrufe sind gerade nicht verfügbar. Bitte versuchen Sie es in einigen Minuten erneut.',
  rate_limited: 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es erneut.',
  name_invisible: 'Geben Sie einen sichtbaren Namen ein (Buchstaben, Ziffern oder Emoji).',
  browser_refused: 'Ihre Organisation lässt diesen Browser für Anrufe nicht zu.',
  service_unavailable: 'Der Anrufdienst ist gerade nicht verfügbar.',
  service_unavailable_hint:
    'Das liegt nicht an Ihrem Netzwerk: Der Anrufserver ist ausgefallen oder startet neu. Bitte versuchen Sie es in einer Minute erneut.',
  peer_lost: '{name} hat die Verbindung verloren.',
  lobby_expired: 'Ihre Wartezeit ist abgelaufen. Treten Sie erneut bei, um wieder anzuklopfen.',
  call_lost: 'Die Verbindung zum Anruf ist abgebrochen und ließ sich nicht wiederherstellen.',
  reconnecting: 'Verbindung verloren. Neuer Verbindungsaufbau…',
  mute: 'Stummschalten',
  unmute: 'Stummschaltung aufheben',
  camera_stop: 'Kamera aus',
  camera_start: 'Kamera an',
  share_start: 'Bildschirm teilen',
  share_stop: 'Teilen beenden',
  leave: 'Verlassen',
  controls: 'Anrufsteuerung',
  participants: 'Teilnehmende',
  you: '(Sie)',
  host_panel: 'Gastgeber',
  lobby_waiting: 'Wartet auf Einlass',
  lobby_empty: 'Niemand wartet.',
  admit: 'Einlassen',
  deny: 'Ablehnen',
  remove: 'Entfernen',
  end_call: 'Anruf für alle beenden',
  encrypted: 'Ende-zu-Ende-verschlüsselt',
  rejoin: 'Erneut beitreten',
  scheduled: 'Dieses Meeting beginnt um {start} ({in}); der Anruf öffnet um {opens}.',
  scheduled_hint: 'Diese Seite lässt Sie von selbst hinein, sobald der Anruf öffnet.',
  scheduled_none: 'Dieses Meeting hat keinen kommenden Termin, daher ist der Anruf geschlossen.',
  waiting_host: 'Der Gastgeber ist noch nicht da. Sie werden eingelassen, sobald er beitritt.',
  invited_as: 'Eingeladen als {name}',
  expected_missing: 'Erwartet, noch nicht da: {names}',
  expected_all: 'Alle Erwarteten sind da.',
  // The call (web/call).
  left: 'Sie haben den Anruf verlassen.',
  rejoin_call: 'Wieder beitreten',
  ended_by_you: 'Sie haben den Anruf für alle beendet.',
  chat: 'Chat',
  chat_title: 'Nachrichten',
  message_label: 'Nachricht',
  send: 'Senden',
  chat_empty: 'Noch keine Nachrichten.',
  chat_off: 'Der Gastgeber hat den Chat ausgeschaltet.',
  chat_turn_off: 'Chat für alle ausschalten',
  chat_turn_on: 'Chat für alle einschalten',
  chat_slow: 'Sie senden zu schnell; warten Sie ein paar Sekunden.',
  chat_encrypted: 'Nachrichten sind Ende-zu-Ende-verschlüsselt, wie der Anruf.',
  chat_unread: '{count} ungelesen',
  raise_hand: 'Hand heben',
  lower_hand: 'Hand senken',
  lower_hand_of: 'Hand von {name} senken',
  hand_raised: 'Hand gehoben',
  hand_raised_by: '{name} hat die Hand gehoben.',
  hands_lowered: 'Der Gastgeber hat Ihre Hand gesenkt.',
  react: 'Reaktionen',
  reacted: '{name} reagiert mit {emoji}',
  host_badge: 'Gastgeber',
  mic_off: 'Mikrofon aus',
  camera_off_tile: 'Kamera aus',
  speaking_muted: 'Sie sind stummgeschaltet. Drücken Sie M oder die Taste, um zu sprechen.',
  mic_blocked:
    'Der Browser sperrt das Mikrofon für diese Seite. Erlauben Sie es in den Website-Einstellungen und versuchen Sie es erneut.',
  mic_busy:
    'Das Mikrofon ist nicht angegangen. Vielleicht nutzt es eine andere App: Schließen Sie diese und versuchen Sie es erneut.',
  mic_missing:
    'Es wurde kein Mikrofon gefunden. Schließen Sie eines an und versuchen Sie es erneut.',
  camera_blocked:
    'Der Browser sperrt die Kamera für diese Seite. Erlauben Sie sie in den Website-Einstellungen und versuchen Sie es erneut.',
  camera_busy:
    'Die Kamera ist nicht angegangen. Vielleicht nutzt sie eine andere App: Schließen Sie diese und versuchen Sie es erneut.',
  camera_missing:
    'Es wurde keine Kamera gefunden. Schließen Sie eine an und versuchen Sie es erneut.',
  quality_excellent: 'Verbindung: sehr gut',
  quality_good: 'Verbindung: gut',
  quality_poor: 'Verbindung: schwach',
  quality_lost: 'Verbindung: verloren',
  quality_unknown: 'Verbindung: unbekannt',
  screen_of: '{name} (Bildschirm)',
  you_are_sharing: 'Sie teilen Ihren Bildschirm mit allen.',
  pin: '{name} anheften',
  unpin: '{name} lösen',
  layout_speaker: 'Sprecheransicht',
  layout_grid: 'Rasteransicht',
  fullscreen: 'Vollbild',
  fullscreen_exit: 'Vollbild beenden',
  more: 'Mehr',
  devices: 'Geräte',
  shortcuts: 'Tastenkürzel',
  shortcuts_hint: 'Drücken Sie ?, um alle Tastenkürzel zu sehen.',
  close: 'Schließen',
  key_mute: 'Stummschalten oder Ton an',
  key_camera: 'Kamera aus oder an',
  key_hand: 'Hand heben oder senken',
  key_chat: 'Chat öffnen oder schließen',
  key_leave: 'Anruf verlassen',
  key_help: 'Diese Liste zeigen',
  joined_call: '{name} ist beigetreten.',
  left_call: '{name} hat den Anruf verlassen.',
  message_from: 'Nachricht von {name}: {text}',
  end_confirm: 'Den Anruf für alle beenden? Alle werden getrennt.',
  remove_confirm: '{name} aus dem Anruf entfernen?',
  confirm_end: 'Für alle beenden',
  confirm_remove: 'Entfernen',
  remove_failed:
    '{name} konnte nicht entfernt werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  end_failed:
    'Der Anruf konnte nicht beendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  cancel: 'Abbrechen',
  knock: '{name} möchte beitreten.',
  knocks_title: '({count}) {title}',
  notify_knocks: 'Mich benachrichtigen, wenn jemand anklopft',
  admit_failed:
    '{name} konnte nicht hereingelassen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  deny_failed:
    '{name} konnte nicht abgewiesen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  blur: 'Hintergrund unscharf',
  blur_off: 'Unschärfe aus',
  blur_unavailable: 'Unscharfer Hintergrund ist in diesem Browser nicht verfügbar.',
  blur_starting: 'Unschärfe wird gestartet…',
  blur_on: 'Ihr Hintergrund ist für alle unscharf.',
  blur_no_camera: 'Ihr Hintergrund wird unscharf, sobald Ihre Kamera an ist.',
  blur_failed:
    'Der unscharfe Hintergrund konnte in diesem Browser nicht starten; Ihre Kamera wird ohne ihn gesendet.',
  blur_no_wasm:
    'Unscharfer Hintergrund ist in diesem Browser nicht verfügbar: Er kann kein WebAssembly ausführen.',
  blur_no_webgl:
    'Unscharfer Hintergrund ist in diesem Browser nicht verfügbar: Seine 3D-Grafik (WebGL 2) fehlt oder ist ausgeschaltet.',
  blur_no_frames:
    'Unscharfer Hintergrund ist in diesem Browser nicht verfügbar: Er kann das Kamerabild nicht bearbeiten.',
  cancel_wait: 'Nicht mehr warten',
  wait_cancelled: 'Sie warten nicht mehr auf Einlass.',
  self_view: 'Sie',
  page_of: 'Seite {page} von {pages}',
  page_prev: 'Vorherige Seite der Teilnehmenden',
  page_next: 'Nächste Seite der Teilnehmenden',
  mic_on_start: 'Mikrofon an',
  camera_on_start: 'Kamera an',
  // Ende-zu-Ende-Verschlüsselung mit Schlüsselaustausch (web/call/e2ee).
  waiting_e2ee:
    'Warten, bis ein Gastgeber Sie hereinlässt (der Anruf ist Ende-zu-Ende-verschlüsselt).',
  e2ee_no_keys:
    'Dieser Browser konnte die Schlüssel für einen Ende-zu-Ende-verschlüsselten Anruf nicht erzeugen.',
  e2ee_unwrap_failed:
    'Der Schlüssel für diesen verschlüsselten Anruf ließ sich in diesem Browser nicht öffnen: Er war nicht für ihn bestimmt. Treten Sie erneut bei, um noch einmal anzuklopfen.',
  e2ee_waiting_key:
    'Der Schlüssel des Anrufs kommt von einem Gastgeber im Anruf… Bis dahin sehen und hören Sie die anderen nicht.',
  e2ee_error:
    'Dieser Browser kann Bild und Ton von {names} nicht entschlüsseln: Sein Schlüssel passt nicht zu ihrem. Treten Sie mit dem vollständigen Link aus Ihrer Einladung erneut bei, oder bitten Sie einen Gastgeber, Sie wieder hereinzulassen.',
  e2ee_error_someone:
    'Dieser Browser kann einen Teil von Bild und Ton nicht entschlüsseln: Sein Schlüssel passt nicht. Treten Sie mit dem vollständigen Link aus Ihrer Einladung erneut bei, oder bitten Sie einen Gastgeber, Sie wieder hereinzulassen.',
  safety_code: 'Sicherheitscode',
  safety_code_hint:
    'Lesen Sie diesen Code mit {name} laut vor: Unterscheiden sich Ihre Codes, hört jemand den Anruf ab.',
  e2ee_admit_wait: 'Hereinlassen geht, sobald dieser Browser den Schlüssel des Anrufs hat.',
};
