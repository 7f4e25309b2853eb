import { z } from 'zod';

/**
 * 结果运用: a year's results in the shapes other decisions use — candidates for awards (两优一先) by rules the
 * district admin sets, and a per-street summary for cadre assessment. Shared with the web app as types.
 */

const Flag = z
  .enum(['true', 'false'])
  .default('true')
  .transform((v) => v === 'true');

/** The admin's rules for a candidate list (query string). */
export const AwardRulesQuery = z.object({
  /** At least this many stars in the year's rating. */
  minStars: z.coerce.number().int('最低星级须为整数').min(0).max(10, '最低星级不能超过10').default(3),
  /** Within the top k of the year's unit ranking; absent: any rank. */
  topK: z.coerce.number().int('名次须为整数').min(1, '名次至少为1').max(100000).optional(),
  /** Leave out units with an active 一票否决 veto. */
  excludeVetoed: Flag,
  /** Leave out units with a red warning in the year (when warnings exist). */
  excludeRedWarning: Flag,
});
export type AwardRulesQuery = z.infer<typeof AwardRulesQuery>;

export const AwardRulesExportQuery = AwardRulesQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const ResultsExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const CANDIDATE_MISSES = ['stars', 'rank', 'veto', 'redWarning'] as const;
export const CandidateMiss = z.enum(CANDIDATE_MISSES);
export type CandidateMiss = z.infer<typeof CandidateMiss>;

export const CandidateRowView = z.object({
  rank: z.number().nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  streetName: z.string().nullable(),
  /** The year's score (ranking), 2 decimals. */
  score: z.number().nullable(),
  stars: z.number(),
  label: z.string(),
  /** Names of the stars earned. */
  starNames: z.array(z.string()),
  vetoes: z.array(z.string()),
  redWarning: z.boolean(),
  eligible: z.boolean(),
  misses: z.array(CandidateMiss),
});
export type CandidateRowView = z.infer<typeof CandidateRowView>;

export const CandidateListView = z.object({
  campaignCode: z.string(),
  year: z.number(),
  rules: z.object({
    minStars: z.number(),
    topK: z.number().nullable(),
    excludeVetoed: z.boolean(),
    excludeRedWarning: z.boolean(),
  }),
  /** The star ratings the list reads: the confirmed version, or null when computed (not confirmed yet). */
  ratingVersion: z.number().nullable(),
  /** Whether warnings exist to apply the red-warning rule. */
  warningsAvailable: z.boolean(),
  candidates: z.number(),
  rows: z.array(CandidateRowView),
});
export type CandidateListView = z.infer<typeof CandidateListView>;

export const StreetSummaryRowView = z.object({
  rank: z.number(),
  streetCode: z.string(),
  streetName: z.string(),
  /** The street's year score from the ranking service, 2 decimals. */
  score: z.number(),
  units: z.number(),
  /** Units with 0, 1, … n stars (index = star count). */
  byStars: z.array(z.number()),
  notified: z.number(),
  closed: z.number(),
  /** closed ÷ notified × 100, 2 decimals; null when nothing was notified. */
  closureRate: z.number().nullable(),
  overdue: z.number(),
});
export type StreetSummaryRowView = z.infer<typeof StreetSummaryRowView>;

export const StreetSummaryView = z.object({
  campaignCode: z.string(),
  year: z.number(),
  ratingVersion: z.number().nullable(),
  maxStars: z.number(),
  rows: z.array(StreetSummaryRowView),
});
export type StreetSummaryView = z.infer<typeof StreetSummaryView>;
