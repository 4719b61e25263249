import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/events.js';
import { inviteMail } from '../../src/core/invite-mail.js';

function event(over: Partial<CalendarEvent> = {}): CalendarEvent {
  const at = new Date('2027-01-01T00:00:00Z');
  return {
    id: 'e1',
    uid: 'e1@test',
    sequence: 0,
    linkId: 'l1',
    teamId: null,
    ownerId: null,
    title: 'Offsite',
    start: '2027-06-07',
    end: '2027-06-09',
    timeZone: 'Europe/Berlin',
    organizer: { name: 'Ana', email: 'ana@example.test' },
    attendees: [{ name: 'Ben', email: 'ben@example.test' }],
    description: null,
    recurrence: null,
    overrides: [],
    status: 'confirmed',
    createdAt: at,
    updatedAt: at,
    cancelledAt: null,
    lastEnd: null,
    ...over,
  };
}

const answers = { yes: 'https://x.test/y', maybe: 'https://x.test/m', no: 'https://x.test/n' };

describe('invite mail language', () => {
  it('says the answer buttons and "all day" in the event language (regression: they stayed English)', () => {
    const mail = inviteMail(
      event({ language: 'de' }),
      'https://x.test/j/a',
      'invite',
      undefined,
      answers,
    );
    expect(mail.text).toContain('Nehmen Sie teil? Ja: https://x.test/y');
    expect(mail.text).toContain('Vielleicht: https://x.test/m');
    expect(mail.text).toContain('ganztägig');
    expect(mail.text).not.toMatch(/Going\?|all day/);
    expect(mail.html).toContain('>Nein</a>');
  });

  it('keeps the English wording for English events', () => {
    const mail = inviteMail(event(), 'https://x.test/j/a', 'invite', undefined, answers);
    expect(mail.text).toContain('Going? Yes: https://x.test/y');
    expect(mail.text).toContain('Mon 7 Jun 2027 – Tue 8 Jun 2027, all day (Europe/Berlin)');
  });
});
