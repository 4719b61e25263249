import type { z } from 'zod';
import { AppError } from '../../core/errors.js';

/** Parses a request part with a zod schema; failures become 400 validation_failed with every field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('validation_failed', 'Send a JSON object as the request body.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = fields[0];
    throw new AppError(
      'validation_failed',
      first ? `Invalid ${first.path || 'body'}: ${first.message}` : 'Invalid request body.',
      { details: { fields } },
    );
  }
  return result.data;
}
