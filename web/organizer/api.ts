/**
 * The callink API as the organizer page uses it: every call carries the signed-in key as a
 * bearer token; errors come back as ApiError with the server's code and sentence.
 */
import { t, type Key } from './i18n.js';

/** Error codes whose sentence the page has in every language (others show the server's). */
const CODE_KEYS: Record<string, Key> = {
  network: 'err_network',
  links_disabled: 'err_links_disabled',
  invalid_recurrence: 'rule_invalid',
  invalid_time_zone: 'err_time_zone',
  invalid_time_range: 'err_time',
  conflict: 'err_conflict',
  link_revoked: 'err_link_revoked',
  link_not_found: 'err_link_not_found',
  rate_limited: 'err_rate_limited',
  forbidden: 'err_forbidden',
  unavailable: 'err_unavailable',
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Me {
  kind: 'admin' | 'key';
  id: string | null;
  name: string | null;
  role: 'admin' | 'organizer';
  admin: boolean;
  /** The part of the policy every organizer may see. */
  limits?: { linksEnabled: boolean; lobbyByDefault: boolean; maxParticipants: number };
}

export type { LinkView } from '../../src/core/usecases/links.js';

export class Api {
  constructor(private readonly token: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network', t('err_network'));
    }
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok) {
      const err = type.includes('json')
        ? ((await res.json().catch(() => ({}))) as {
            error?: { code?: string; message?: string; details?: unknown };
          })
        : {};
      throw new ApiError(
        res.status,
        err.error?.code ?? 'http_' + res.status,
        err.error?.message ?? `The server answered ${res.status}.`,
        err.error?.details,
      );
    }
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
  del<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Fetches a file that needs the bearer token, and hands it to the browser as a download. */
  async download(path: string, filename: string): Promise<void> {
    const text = await this.request<string>('GET', path);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** True when the server does not have this route yet (an older or partial install). */
export function missingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'not_found';
}

/** A sentence for a person, from whatever went wrong. */
export function explain(error: unknown): string {
  if (error instanceof ApiError) {
    const key = CODE_KEYS[error.code];
    return key ? t(key) : error.message;
  }
  return t('err_generic');
}
