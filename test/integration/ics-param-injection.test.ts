/**
 * Issue 14, item 3: a double quote in a name ended ical-generator's quoted CN (it wrote `\"`,
 * which iCalendar does not know), so `Ann":mailto:attacker@evil.example` made every reader
 * send RSVPs to the attacker and `Bob";ROLE=CHAIR;PARTSTAT=ACCEPTED;X="` made Bob a chair who
 * had accepted. Names are now RFC 6868-encoded; four independent readers must agree.
 */
import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramText } from '../../src/core/ics/param.js';
import { startTestApp, type TestApp } from '../support/app.js';

interface Person {
  value: string;
  cn: string | null;
  role?: string | null;
  partstat?: string | null;
}
interface Read {
  organizer: Person;
  attendees: Person[];
}

function icalJs(text: string): Read {
  const e = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
  const person = (p: ICAL.Property): Person => ({
    value: String(p.getFirstValue()),
    cn: (p.getParameter('cn') as string | undefined) ?? null,
    role: (p.getParameter('role') as string | undefined) ?? null,
    partstat: (p.getParameter('partstat') as string | undefined) ?? null,
  });
  return {
    organizer: person(e.getFirstProperty('organizer')!),
    attendees: e.getAllProperties('attendee').map(person),
  };
}

function nodeIcal(text: string): Read {
  const ev = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VEVENT') as VEvent;
  type P = { val: string; params: Record<string, string> };
  const person = (p: unknown): Person => {
    const q = (typeof p === 'string' ? { val: p, params: {} } : p) as P;
    return {
      value: q.val,
      cn: q.params.CN ?? null,
      role: q.params.ROLE ?? null,
      partstat: q.params.PARTSTAT ?? null,
    };
  };
  const attendees = ev.attendee === undefined ? [] : [ev.attendee].flat();
  return { organizer: person(ev.organizer), attendees: attendees.map(person) };
}

const PY = `
import json, sys
import icalendar
import gi
gi.require_version('ICalGLib', '3.0')
from gi.repository import ICalGLib as I
text = sys.stdin.read()
out = {}
e = icalendar.Calendar.from_ical(text).walk('VEVENT')[0]
def py(p):
    return {'value': str(p), 'cn': p.params.get('CN'), 'role': p.params.get('ROLE'), 'partstat': p.params.get('PARTSTAT')}
att = e.get('ATTENDEE')
att = att if isinstance(att, list) else ([att] if att is not None else [])
out['python'] = {'organizer': py(e.get('ORGANIZER')), 'attendees': [py(a) for a in att]}
comp = I.Component.new_from_string(text).get_first_component(I.ComponentKind.VEVENT_COMPONENT)
def lib(p):
    def param(kind):
        q = p.get_first_parameter(kind)
        return q.as_ical_string().split('=', 1)[1] if q is not None else None
    return {'value': p.get_value_as_string(), 'cn': param(I.ParameterKind.CN_PARAMETER), 'role': param(I.ParameterKind.ROLE_PARAMETER), 'partstat': param(I.ParameterKind.PARTSTAT_PARAMETER)}
org = comp.get_first_property(I.PropertyKind.ORGANIZER_PROPERTY)
atts = []
p = comp.get_first_property(I.PropertyKind.ATTENDEE_PROPERTY)
while p is not None:
    atts.append(lib(p))
    p = comp.get_next_property(I.PropertyKind.ATTENDEE_PROPERTY)
out['libical'] = {'organizer': lib(org), 'attendees': atts}
print(json.dumps(out))
`;

function pythonAndLibical(text: string): { python: Read; libical: Read } {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { input: text, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`python3-icalendar / libical (gir1.2-ical-3.0) could not run: ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as { python: Read; libical: Read };
}

const ANN = 'Ann":mailto:attacker@evil.example';
const BOB = 'Bob";ROLE=CHAIR;PARTSTAT=ACCEPTED;X="';

describe('parameter injection through names', () => {
  let app: TestApp;
  let invite: string;
  beforeAll(async () => {
    app = await startTestApp();
    const res = await app.api('/api/events', {
      method: 'POST',
      json: {
        title: 'Review',
        start: '2026-06-01T09:00',
        end: '2026-06-01T10:00',
        timeZone: 'Europe/Berlin',
        organizer: { name: ANN, email: 'ann@example.org' },
        attendees: [
          { name: BOB, email: 'bob@example.org' },
          { name: 'Caret ^ and back\\slash', email: 'cat@example.org' },
        ],
      },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    invite = await (await app.api(`/api/events/${id}/invite.ics`)).text();
  });
  afterAll(() => app.close());

  it('an organizer name with a double quote does not send RSVPs to another address', () => {
    const { python, libical } = pythonAndLibical(invite);
    for (const [reader, read] of Object.entries({
      'ical.js': icalJs(invite),
      'node-ical': nodeIcal(invite),
      python,
      libical,
    })) {
      expect(read.organizer.value.toLowerCase(), reader).toBe('mailto:ann@example.org');
      expect(
        read.attendees.map((a) => a.value.toLowerCase()),
        reader,
      ).toEqual(['mailto:bob@example.org', 'mailto:cat@example.org']);
    }
  });

  it('an attendee name with a double quote cannot make them CHAIR or ACCEPTED', () => {
    const { python, libical } = pythonAndLibical(invite);
    for (const [reader, read] of Object.entries({
      'ical.js': icalJs(invite),
      'node-ical': nodeIcal(invite),
      python,
      libical,
    })) {
      const bob = read.attendees[0];
      expect(bob?.role, reader).toBe('REQ-PARTICIPANT');
      expect(bob?.partstat, reader).toBe('NEEDS-ACTION');
    }
    // ical.js reads RFC 6868 back to the name as typed.
    expect(icalJs(invite).organizer.cn).toBe(ANN);
    expect(icalJs(invite).attendees[0]?.cn).toBe(BOB.replace(/;/g, ','));
  });

  it('writes no backslash inside any parameter', () => {
    for (const line of invite.replace(/\r\n[ \t]/g, '').split('\r\n')) {
      const params = line.slice(0, line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/));
      expect(params, line).not.toContain('\\');
    }
  });

  it('encodes per RFC 6868 and quotes only when needed', () => {
    expect(paramText('Ann "A" ^ B')).toBe("Ann ^'A^' ^^ B");
    expect(paramText('Doe, Jane\nline')).toBe('"Doe, Jane^nline"');
    expect(paramText('a;b')).toBe('"a,b"');
    expect(paramText('a\\b\u0007c\u2028d')).toBe('abc^nd');
  });
});
