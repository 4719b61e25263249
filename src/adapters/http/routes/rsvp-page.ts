/**
 * GET /rsvp/:token?answer=yes|maybe|no: the page the invite mail's Yes / Maybe / No buttons open.
 * It only asks ("Answer Yes to …?"): mail scanners (Outlook Safe Links, Gmail, corporate
 * gateways) fetch every link in a mail, and a GET that recorded would answer for the person.
 * POST /rsvp/:token (the page's form) records the answer. Unknown, cut or revoked tokens get a
 * 404 page and nothing is recorded; answering again replaces the answer, the same answer twice
 * changes nothing.
 */
import express, { Router, type Response } from 'express';
import { DateTime } from 'luxon';
import { occurrenceKey } from '../../../core/events.js';
import { AppError } from '../../../core/errors.js';
import { rsvpFor, rsvpOfWord, type Rsvp } from '../../../core/rsvp.js';
import { answerByToken, findInvitee, personalLinkUrl } from '../../../core/usecases/invitees.js';
import { hashSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';
import { STATUS } from '../errors.js';
import { escapeHtml, renderMessagePage } from '../pages.js';

const WORDS: Record<Rsvp, { word: 'yes' | 'maybe' | 'no'; label: string; done: string }> = {
  accepted: { word: 'yes', label: 'Yes', done: 'You said yes: see you there.' },
  tentative: { word: 'maybe', label: 'Maybe', done: 'You said maybe.' },
  declined: { word: 'no', label: 'No', done: 'You said no: the organizer will know.' },
};

function page(res: Response, status: number, state: string, heading: string, body: string): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .set('Referrer-Policy', 'no-referrer')
    .type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(heading)} · callink</title>
<style>
:root{color-scheme:light dark}
body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1b1f24}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002;margin:1rem}
h1{font-size:1.4rem;margin:0 0 .5rem}
p{margin:.5rem 0}
form{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #8a94a3;background:#fff;color:inherit;cursor:pointer;min-height:44px}
button.primary{background:#1f6feb;border-color:#1f6feb;color:#fff}
.hint{color:#555}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}main{background:#161b22;box-shadow:0 1px 4px #0008}button{background:#21262d;border-color:#3d444d}.hint{color:#9da7b3}}
</style>
</head>
<body data-state="${escapeHtml(state)}">
<main role="main">
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`);
}

function whenOf(start: string, zone: string): string {
  return `${DateTime.fromISO(start, { zone }).toFormat('cccc d LLLL yyyy, HH:mm')} (${zone})`;
}

export function rsvpPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const d = { ...deps, hashSecret };

  const notValid = (res: Response) =>
    res
      .status(404)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        renderMessagePage({
          state: 'error',
          title: 'Answer link not valid',
          heading: 'This answer link is not valid',
          message:
            'This link is cut, was changed, or you are no longer on the invitation, so no answer was recorded.',
          hint: 'Answer from your calendar instead, or ask the organizer to invite you again.',
        }),
      );

  /** The occurrence a button answers for ('' or absent: the whole series). */
  const occurrenceOf = (raw: unknown, event: Parameters<typeof occurrenceKey>[0]) =>
    typeof raw === 'string' && raw !== '' ? occurrenceKey(event, raw) : undefined;

  router.get('/rsvp/:token', async (req, res) => {
    const invitee = await findInvitee(d, req.params.token);
    if (!invitee) return notValid(res);
    const { event, attendee } = invitee;
    const chosen = rsvpOfWord(req.query.answer);
    let occurrence: string | undefined;
    try {
      occurrence = occurrenceOf(req.query.occurrence, event);
    } catch {
      return notValid(res);
    }
    const buttons = (Object.keys(WORDS) as Rsvp[])
      .map(
        (r) =>
          `<button type="submit" name="answer" value="${WORDS[r].word}"${
            r === chosen ? ' class="primary" autofocus' : ''
          }>${WORDS[r].label}</button>`,
      )
      .join('');
    const current = rsvpFor(
      await deps.store.rsvps.list(event.id),
      attendee.email,
      occurrence ?? '',
    );
    const question = chosen
      ? `Answer <strong>${WORDS[chosen].label}</strong> for ${escapeHtml(attendee.name)}?`
      : `Will you attend, ${escapeHtml(attendee.name)}?`;
    page(
      res,
      200,
      'confirm',
      event.title,
      `<p>${escapeHtml(whenOf(occurrence ?? event.start, event.timeZone))}${
        event.recurrence && !occurrence ? ' and the following occurrences' : ''
      }</p>
<p id="message" role="status">${question}</p>
${current ? `<p class="hint" data-current="${current.rsvp}">Your answer so far: ${WORDS[current.rsvp].label}.</p>` : ''}
<form method="post" action="/rsvp/${escapeHtml(req.params.token)}">
${occurrence ? `<input type="hidden" name="occurrence" value="${escapeHtml(occurrence)}">` : ''}
${buttons}
</form>
<p class="hint">Nothing is recorded until you press a button.</p>`,
    );
  });

  router.post(
    '/rsvp/:token',
    express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }),
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const answer = rsvpOfWord(body.answer);
      const invitee = await findInvitee(d, req.params.token);
      if (!invitee) return notValid(res);
      if (!answer) {
        const e = new AppError('validation_failed', 'Choose Yes, Maybe or No.');
        return page(res, STATUS[e.code], 'error', invitee.event.title, `<p>${e.message}</p>`);
      }
      let occurrence: string | undefined;
      try {
        occurrence = occurrenceOf(body.occurrence, invitee.event);
      } catch {
        return notValid(res);
      }
      await answerByToken(d, req.params.token, answer, occurrence);
      const join = personalLinkUrl(deps.config.publicUrl, invitee.event.linkId, req.params.token);
      page(
        res,
        200,
        'answered',
        invitee.event.title,
        `<p id="message" role="status" data-answer="${answer}">${escapeHtml(WORDS[answer].done)}</p>
<p>${escapeHtml(whenOf(occurrence ?? invitee.event.start, invitee.event.timeZone))}</p>
<p class="hint">Changed your mind? Open the link in the invitation again. ${
          answer === 'declined'
            ? ''
            : `Your personal call link: <a href="${escapeHtml(join)}">join the call</a>.`
        }</p>`,
      );
    },
  );
  return router;
}
