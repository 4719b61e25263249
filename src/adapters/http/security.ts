/**
 * Security headers for every response (helmet) with a CSP that allows no inline script, and
 * the rate limiters that make guessing link ids pointless.
 */
import type { RequestHandler, Response } from 'express';
import type { Store as LimitStore } from 'express-rate-limit';
import helmet from 'helmet';
import { ipKey, limiter } from './rate-limits.js';

/** helmet's own middleware with our settings (securityHeaders sets what it sets). */
export function helmetMiddleware(options: { mediaOrigins: string[] }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        // Inline style attributes are harmless here; inline script is what a CSP must stop.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:', 'mediastream:'],
        'connect-src': ["'self'", ...options.mediaOrigins],
        'worker-src': ["'self'", 'blob:'],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    // Camera and microphone must stay usable on our own pages.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
  });
}

/**
 * The headers helmet sets with these settings. None depends on the request, so helmet is run
 * once, at start, against a recording response, and every request gets the recorded set: the
 * same names and values, without helmet's dozen middleware calls per request.
 */
export function helmetHeaders(options: { mediaOrigins: string[] }): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
    },
    removeHeader: () => undefined,
  };
  let failed: unknown;
  helmetMiddleware(options)(
    {} as Parameters<RequestHandler>[0],
    recorder as unknown as Parameters<RequestHandler>[1],
    (error?: unknown) => {
      failed = error;
    },
  );
  if (failed || headers.length === 0)
    throw new Error('helmet did not set its headers', { cause: failed });
  return headers;
}

/** Origins the browser may open websockets to besides our own: the media server's. */
export function securityHeaders(options: { mediaOrigins: string[] }): RequestHandler {
  const headers = helmetHeaders(options);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * The join page hosts the call, whose background blur compiles WebAssembly (MediaPipe's
 * segmentation): that page alone gets 'wasm-unsafe-eval', which lets the page compile
 * WebAssembly it fetched from its own origin and nothing else (no eval of JavaScript, no
 * inline script). Every other page keeps the stricter policy.
 */
export function allowWebAssembly(res: Response): void {
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp !== 'string') return;
  res.setHeader(
    'Content-Security-Policy',
    csp.replace(/(^|;\s*)script-src ([^;]*)/, "$1script-src $2 'wasm-unsafe-eval'"),
  );
}

/** The ws(s) and http(s) origins of a LiveKit URL, for connect-src. */
export function mediaOriginsOf(url: string | readonly string[] | undefined): string[] {
  if (!url) return [];
  if (typeof url !== 'string') return [...new Set(url.flatMap((u) => mediaOriginsOf(u)))];
  try {
    const u = new URL(url);
    const host = u.host;
    const secure = u.protocol === 'wss:' || u.protocol === 'https:';
    return secure ? [`wss://${host}`, `https://${host}`] : [`ws://${host}`, `http://${host}`];
  } catch {
    return [];
  }
}

/**
 * Per-IP limit on join pages: a person opens a handful; a guesser trying ids gets 429 long
 * before luck matters (130 random bits would need ~10^38 tries anyway). With a shared counter
 * store (Redis, PostgreSQL) the limit holds once across all instances, not once per instance;
 * a store that fails lets pages through (the limit is a guard, the page is the service).
 */
export function joinPageLimiter(options: {
  perMinute: number;
  store?: LimitStore | undefined;
}): RequestHandler {
  return limiter({
    name: 'pages',
    limit: options.perMinute,
    key: (req) => ipKey(req.ip),
    store: options.store,
    headers: true,
    message: 'Too many requests. Wait a minute and try again.',
  });
}
