/**
 * POST /api/import: an iCalendar body in, the same calendar out with call links added.
 * The body is read raw and decoded strictly (core/ics/decode.ts).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import { inlineJobs } from '../../jobs/jobs.js';
import { rawBody } from '../raw-body.js';
import type { AppDeps } from '../context.js';

const query = z
  .object({
    mode: z.enum(['missing', 'all']).default('missing'),
    future: z.enum(['0', '1', 'true', 'false']).optional(),
    attendees: z.enum(['0', '1', 'true', 'false']).optional(),
    summary: z.string().max(200).optional(),
    dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
  })
  .strict();

const yes = (v: string | undefined) => v === '1' || v === 'true';

function charsetOf(req: Request): string | undefined {
  const m = /charset\s*=\s*"?([\w-]+)"?/i.exec(req.get('content-type') ?? '');
  return m?.[1];
}

export function importRoutes(deps: AppDeps): Router {
  const router = Router();
  const limits = deps.config.importLimits;
  const jobs = deps.jobs ?? inlineJobs();
  const raw = rawBody({ limit: limits.maxBytes });

  router.post(
    '/import',
    (req, _res, next) => {
      if (!req.is('text/calendar')) {
        next(
          new AppError(
            'unsupported_media_type',
            'Send the calendar as the request body with Content-Type: text/calendar.',
          ),
        );
        return;
      }
      next();
    },
    raw,
    async (req, res) => {
      const q = query.safeParse(req.query);
      if (!q.success) {
        const issue = q.error.issues[0];
        throw new AppError(
          'validation_failed',
          `Invalid query ${issue?.path.join('.') || 'parameter'}: ${issue?.message ?? 'unknown'}`,
        );
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      // Decoded (strictly, as decodeCalendar) and encoded again where the work runs: in the
      // pool, the event loop handles the calendar only as bytes.
      const result = await jobs.importBytes(
        { ...deps, publicUrl: deps.config.publicUrl, policy: await deps.policy() },
        { bytes: body, charset: charsetOf(req), giveUp: true },
        {
          mode: q.data.mode,
          futureOnly: yes(q.data.future),
          attendeesOnly: yes(q.data.attendees),
          ...(q.data.summary ? { summary: q.data.summary } : {}),
          dryRun: yes(q.data.dryRun),
          maxEvents: limits.maxEvents,
          maxMs: limits.maxMs,
        },
        req.principal?.id ?? null,
      );
      if (yes(q.data.dryRun)) {
        res.json({ dryRun: true, ...result.summary });
        return;
      }
      const s = result.summary;
      res.setHeader(
        'X-Callink-Import',
        `events=${s.events}; linked=${s.linked}; new-links=${s.newLinks}; already-linked=${s.alreadyLinked}; had-other-call=${s.hadOtherCall}; filtered-out=${s.filteredOut}`,
      );
      // Written directly, not with res.send: that hashes the whole body for an ETag (nothing
      // revalidates a POST), ~10 ms of the event loop for a 5 MB calendar.
      const bytes = result.bytes;
      res.status(200);
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Length', bytes.length);
      res.end(bytes);
    },
  );
  return router;
}
