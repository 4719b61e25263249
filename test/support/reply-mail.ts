/**
 * Raw REPLY mails as Outlook, Gmail and Apple Mail send them, from the calendar parts in
 * fixtures/ics (see its README for where each shape comes from).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'ics');

export type ReplyClient = 'outlook' | 'gmail' | 'apple';

const FILES: Record<ReplyClient, string> = {
  outlook: 'outlook-exchange2010-decline-occurrence-windows-tzid.ics',
  gmail: 'gmail-accept-series-folded-attendee.ics',
  apple: 'apple-calendar-accept-email-param.ics',
};

export function replyCalendar(client: ReplyClient, values: Record<string, string>): string {
  const text = readFileSync(join(DIR, FILES[client]), 'utf8').replace(/\r?\n/g, '\r\n');
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_m, key: string) => values[key] ?? '');
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');

export function replyMail(
  client: ReplyClient,
  o: { messageId: string; from: string; to: string; subject: string; calendar: string },
): string {
  const head = [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject}`,
    'Date: Fri, 01 Jan 2027 09:39:05 +0000',
    `Message-ID: ${o.messageId}`,
    'MIME-Version: 1.0',
  ];
  if (client === 'outlook') {
    return [
      ...head,
      'Thread-Topic: ' + o.subject,
      'X-MS-Has-Attach:',
      'Content-Language: en-US',
      'Content-Type: multipart/alternative; boundary="_000_DB9PR01MB_"',
      '',
      '--_000_DB9PR01MB_',
      'Content-Type: text/plain; charset="us-ascii"',
      '',
      'Sorry, I am travelling that week.',
      '--_000_DB9PR01MB_',
      'Content-Type: text/html; charset="us-ascii"',
      '',
      '<html><body><p>Sorry, I am travelling that week.</p></body></html>',
      '--_000_DB9PR01MB_',
      'Content-Type: text/calendar; charset="utf-8"; method=REPLY',
      'Content-Transfer-Encoding: base64',
      '',
      b64(o.calendar),
      '--_000_DB9PR01MB_--',
      '',
    ].join('\r\n');
  }
  if (client === 'gmail') {
    return [
      ...head,
      'Content-Type: multipart/mixed; boundary="000000000000a1b2c3"',
      '',
      '--000000000000a1b2c3',
      'Content-Type: multipart/alternative; boundary="000000000000d4e5f6"',
      '',
      '--000000000000d4e5f6',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'Accepted this invitation.',
      '--000000000000d4e5f6',
      'Content-Type: text/calendar; charset="UTF-8"; method=REPLY',
      'Content-Transfer-Encoding: 7bit',
      '',
      o.calendar,
      '--000000000000d4e5f6--',
      '--000000000000a1b2c3',
      'Content-Type: application/ics; name="invite.ics"',
      'Content-Disposition: attachment; filename="invite.ics"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(o.calendar),
      '--000000000000a1b2c3--',
      '',
    ].join('\r\n');
  }
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="Apple-Mail=_5B1C2D3E"',
    '',
    '--Apple-Mail=_5B1C2D3E',
    'Content-Transfer-Encoding: 7bit',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    '',
    '--Apple-Mail=_5B1C2D3E',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Type: text/calendar; charset=utf-8; method=REPLY; name=iCal-20270101-101500.ics',
    'Content-Disposition: attachment; filename=iCal-20270101-101500.ics',
    '',
    o.calendar.replace(/=/g, '=3D'),
    '--Apple-Mail=_5B1C2D3E--',
    '',
  ].join('\r\n');
}
