import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error the client caused or should know of: rendered as `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'Only the owner can do that') => new ApiError(403, 'forbidden', message);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new ApiError(409, code, message, extra);
export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
