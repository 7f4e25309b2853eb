import { z } from 'zod';

/** A courtyard campaign in a URL: `/api/courtyard-campaigns/:code`. */
export const CourtyardCampaignCodeParams = z.object({ code: z.string().min(1).max(40) });
