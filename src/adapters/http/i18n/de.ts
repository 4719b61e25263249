/** German strings of the join page (same keys as en.ts; the type checker keeps them in step). */
import type { JoinStrings } from './en.js';

export const de: JoinStrings = {
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
  service_unavailable: 'Der Anrufdienst ist gerade nicht verfügbar.',
  service_unavailable_hint:
    'Das liegt nicht an Ihrem Netzwerk: Der Anrufserver ist ausgefallen oder startet neu. Bitte versuchen Sie es in einer Minute erneut.',
  peer_lost: '{name} hat die Verbindung verloren.',
  lobby_expired: 'Ihre Wartezeit ist abgelaufen. Treten Sie erneut bei, um wieder anzuklopfen.',
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
};
