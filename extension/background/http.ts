// One HTTP call to the coordinator, with the error kinds the background acts on: unreachable
// (keep and retry) versus an answer (a refusal is final).
import type { ErrorBody } from '../../shared/api';

/** The coordinator answered, and not with 2xx. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ErrorBody | null,
  ) {
    super(message);
  }
}

/** The coordinator could not be reached (network down, server stopped). */
export class UnreachableError extends Error {}

/** True when trying again later may succeed: unreachable, a server error, or "slow down". */
export function isRetryable(error: unknown): boolean {
  if (error instanceof UnreachableError) return true;
  return error instanceof HttpError && (error.status >= 500 || error.status === 408 || error.status === 429);
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Mutations carry one; the outbox passes its own so a replay changes nothing. */
  idempotencyKey?: string;
}

export async function callCoordinator<T>(fetcher: typeof fetch, base: string, method: string, path: string, options: CallOptions = {}): Promise<T> {
  const { token, body } = options;
  const key = options.idempotencyKey ?? (method === 'GET' ? undefined : crypto.randomUUID());
  let res: Response;
  try {
    res = await fetcher(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new UnreachableError(`Cannot reach the coordinator at ${base}`);
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null; // a proxy's HTML error page, say
  }
  if (!res.ok) {
    const error = parsed as ErrorBody | null;
    throw new HttpError(res.status, error?.error?.message ?? `The coordinator answered ${res.status}`, error);
  }
  return parsed as T;
}

/** 1 s, 2 s, 4 s ... up to 30 s, with jitter so four devices don't return in lockstep. */
export function backoff(attempt: number, baseMs = 1000): number {
  return Math.min(30 * baseMs, baseMs * 2 ** attempt) * (0.75 + Math.random() / 2);
}
