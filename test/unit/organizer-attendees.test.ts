import { describe, expect, it } from 'vitest';
import { parseAttendees } from '../../web/organizer/events.js';

describe('the organizer page reads attendees as people type them', () => {
  it('takes "Name <email>", bare emails, commas, semicolons and lines', () => {
    expect(
      parseAttendees('Ana Lima <ana@example.com>, bo@example.com\n"Chen, Wei" <wei@example.org>;'),
    ).toEqual({
      people: [
        { name: 'Ana Lima', email: 'ana@example.com' },
        { name: 'bo', email: 'bo@example.com' },
        { name: 'Chen, Wei', email: 'wei@example.org' },
      ],
      bad: [],
    });
  });

  it('hands back what is not an address, so the page can say which', () => {
    expect(parseAttendees('ana, bo@example.com, <nope>, x@y')).toEqual({
      people: [{ name: 'bo', email: 'bo@example.com' }],
      bad: ['ana', '<nope>', 'x@y'],
    });
  });

  it('reads an empty field as nobody', () => {
    expect(parseAttendees(' \n , ')).toEqual({ people: [], bad: [] });
  });
});
