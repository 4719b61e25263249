/**
 * POST /api/lint: an iCalendar body (text/calendar, its `method=` parameter checked against
 * METHOD) or JSON {"ics", "previous"?: [earlier messages]} → 200 with the lint report.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import { inlineJobs, type Jobs } from '../../jobs/jobs.js';
import { parseBody } from '../validate.js';

const MAX = 1024 * 1024;
export const lintJsonInput = z
  .object({
    ics: z.string().max(MAX),
    previous: z.array(z.string().max(MAX)).max(20).optional(),
    mimeMethod: z.string().max(20).optional(),
  })
  .strict();

export function lintRoutes(jobs: Jobs = inlineJobs()): Router {
  const router = Router();
  router.post(
    '/lint',
    express.text({ type: ['text/calendar', 'text/plain', 'application/ics'], limit: MAX }),
    async (req, res) => {
      if (typeof req.body === 'string') {
        const mimeMethod = /;\s*method="?([A-Za-z-]+)/i.exec(req.get('content-type') ?? '')?.[1];
        res.json(await jobs.lint(req.body, { mimeMethod }));
        return;
      }
      if (!req.is('application/json')) {
        throw new AppError('unsupported_media_type', 'Send text/calendar, or JSON {"ics": "…"}.');
      }
      const input = parseBody(lintJsonInput, req.body);
      res.json(
        await jobs.lint(input.ics, {
          mimeMethod: input.mimeMethod,
          ...(input.previous ? { previous: input.previous } : {}),
        }),
      );
    },
  );
  return router;
}
