import { z } from 'zod';

/**
 * The live event streams (SSE) of a contest. `lastEventId` resumes after that event when the browser cannot
 * send the `Last-Event-ID` header (its first connection); the header wins when both are present.
 */
export const LiveEventsQuery = z.object({
  lastEventId: z.coerce.number().int('事件编号必须是整数').min(0, '事件编号不能小于0').optional(),
});
export type LiveEventsQuery = z.infer<typeof LiveEventsQuery>;
