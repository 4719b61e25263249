/** German server texts (keys as in en.ts). */
import type { ServerMessages } from './en.js';

export const de: ServerMessages = {
  link_incomplete_heading: 'Dieser Link ist fehlerhaft oder unvollständig',
  link_incomplete_message:
    'Dieser Link hat einen Tippfehler oder ist unvollständig, vielleicht von einem E-Mail-Programm abgeschnitten.',
  link_incomplete_hint:
    'Öffnen Sie die Einladung erneut und kopieren Sie den ganzen Link, oder bitten Sie die Organisation, ihn noch einmal zu senden.',
  link_not_found_heading: 'Anruf nicht gefunden',
  link_not_found_message: 'Unter dieser Adresse gibt es keinen Anruf.',
  link_not_found_hint: 'Prüfen Sie den Link mit der Person, die Sie eingeladen hat.',
  link_revoked_heading: 'Dieser Link wurde gelöscht',
  link_revoked_message:
    'Dieser Link wurde von seinem Besitzer gelöscht, deshalb kann niemand mehr beitreten.',
  link_revoked_hint: 'Bitten Sie die Organisation um einen neuen Link.',
  disabled_heading: 'Anrufe sind abgeschaltet',
  disabled_message:
    'Anrufe sind von Ihrer Organisation abgeschaltet, deshalb kann diesem Anruf jetzt niemand beitreten.',
  disabled_hint: 'Fragen Sie die Organisation oder Ihre Administration.',
  join_unavailable_title: 'Beitrittsseite nicht verfügbar',
  join_unavailable_heading: 'Die Beitrittsseite ist nicht verfügbar',
  join_unavailable_message:
    'Dieser Server wurde ohne seine Webseiten gestartet, deshalb kann noch niemand beitreten.',
  organizer_unavailable_title: 'Organisationsseite nicht verfügbar',
  organizer_unavailable_heading: 'Die Organisationsseite ist nicht verfügbar',
  organizer_unavailable_message: 'Dieser Server wurde ohne seine Webseiten gestartet.',
  build_hint:
    'Wenn Sie diesen Server betreiben: Bauen Sie sie mit „npm run build:web“ und starten Sie neu.',
  not_found_title: 'Nicht gefunden',
  not_found_heading: 'Seite nicht gefunden',
  not_found_message: 'Unter dieser Adresse gibt es nichts.',
  call: 'Anruf',
  checking: 'Es wird geprüft, ob dieser Browser am Anruf teilnehmen kann…',
  media_down:
    'Anrufe sind gerade nicht möglich: Der Medienserver ist nicht erreichbar. Versuchen Sie es in ein paar Minuten erneut.',
  noscript: 'Für diesen Anruf wird JavaScript benötigt. Verwenden Sie {browsers}.',
  stale:
    'Bleibt diese Meldung stehen, ist dieser Browser zu alt für Anrufe: Verwenden Sie {browsers}.',
  mail_prefix_invite: 'Einladung',
  mail_prefix_update: 'Geändert',
  mail_prefix_cancel: 'Abgesagt',
  mail_subject: '{prefix}: {title} @ {when}',
  mail_invites: '{organizer} lädt Sie zu einem Anruf ein.',
  mail_cancelled: '{organizer} hat diesen Termin abgesagt.',
  mail_cancelled_one: '{organizer} hat einen Termin dieser Serie abgesagt.',
  join_the_call: 'Am Anruf teilnehmen',
  join_hint:
    'Öffnen Sie den Link in einem beliebigen Browser (Chrome, Edge, Firefox oder Safari); nichts zu installieren.',
  reminder: 'Erinnerung: {title}',
  mail_going: 'Nehmen Sie teil?',
  mail_yes: 'Ja',
  mail_maybe: 'Vielleicht',
  mail_no: 'Nein',
  mail_all_day: 'ganztägig',
};
