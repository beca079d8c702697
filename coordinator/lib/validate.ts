// Request validation against shared/api.ts schemas, answering bad input in the one error shape.
import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { ApiError } from './errors';

function describe(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const hook = (result: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string }[] } }) => {
  if (!result.success) throw new ApiError(400, 'invalid_request', describe(result.error?.issues ?? []));
};

export const jsonBody = <T extends ZodType>(schema: T) => zValidator('json', schema, hook);
export const queryParams = <T extends ZodType>(schema: T) => zValidator('query', schema, hook);
