import { z } from 'zod';

/** A contest in a URL: `/api/contests/:code`. */
export const ContestCodeParams = z.object({ code: z.string().min(1).max(40) });
