import { z } from 'zod';
import { Code, IdempotencyKey, Month, Reason } from './campaigns';
import { PhotoView } from './supervision';

/**
 * 夺旗争先 flag awards (approved before they count), 一票否决 vetoes, and the year's star rating (五星支部评定)
 * with its confirmation as frozen versions. Shared with the web app as types.
 */

const Id = z.string().min(1).max(64);
const Text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过${max}个字符`);
const PhotoKeys = z.array(IdempotencyKey).max(9, '每处最多附9张照片').default([]);

/** Path of one flag award or veto: `/api/campaigns/:code/flags/:id`. */
export const RatingItemParams = z.object({ code: Code, id: Id });

// ——— Flag awards (夺旗争先) ———

export const FLAG_STATUSES = ['pending', 'approved', 'rejected'] as const;
/** 待审核 → 已批准 (counts as a bonus) / 已驳回 (with a note). */
export const FlagStatus = z.enum(FLAG_STATUSES);
export type FlagStatus = z.infer<typeof FlagStatus>;

/** The bonus module of one unit's star: what was awarded, its budget, and what counts (core's P). */
export const FlagCapView = z.object({
  unitCode: z.string(),
  star: z.string(),
  module: z.string(),
  /** Σ of the bonus points recorded in the module for (unit, star) in the year (approved flags and direct bonuses). */
  awarded: z.number(),
  /** B(m), the module budget. */
  budget: z.number(),
  /** min(budget, awarded) as core computes it for December: the points that actually count. */
  effective: z.number(),
  /** awarded ≥ budget: further awards add nothing. */
  capped: z.boolean(),
});
export type FlagCapView = z.infer<typeof FlagCapView>;

export const FlagAwardView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  star: z.string(),
  starName: z.string(),
  module: z.string(),
  month: z.string(),
  points: z.number(),
  title: z.string(),
  reason: z.string(),
  status: FlagStatus,
  proposedByName: z.string(),
  proposedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The decision note (required when rejecting). */
  note: z.string().nullable(),
  bonusId: z.string().nullable(),
  photos: z.array(PhotoView),
  /** The unit×star bonus module as it stands now. */
  cap: FlagCapView,
  demo: z.boolean(),
});
export type FlagAwardView = z.infer<typeof FlagAwardView>;

export const FlagListQuery = z.object({
  status: FlagStatus.optional(),
  unit: Code.optional(),
  street: Code.optional(),
  star: Code.optional(),
});
export type FlagListQuery = z.infer<typeof FlagListQuery>;

export const FlagListView = z.object({
  rows: z.array(FlagAwardView),
  /** Per unit×star with any award or bonus in view. */
  caps: z.array(FlagCapView),
  counts: z.object({ pending: z.number(), approved: z.number(), rejected: z.number() }),
});
export type FlagListView = z.infer<typeof FlagListView>;

export const FlagCreateBody = z.object({
  idempotencyKey: IdempotencyKey,
  unitCode: Code,
  star: Code,
  /** The bonus module; defaults to the campaign's only bonus module (DQ). */
  module: Code.optional(),
  month: Month,
  points: z.number().gt(0, '分值必须大于0').max(100, '分值不能超过100'),
  title: z.string().trim().min(1, '请填写荣誉名称').max(100, '荣誉名称不能超过100个字符'),
  reason: Reason,
  photoKeys: PhotoKeys,
});
export type FlagCreateBody = z.input<typeof FlagCreateBody>;

export const FlagApproveBody = z.object({
  note: Text(500, '审核意见').optional(),
});
export type FlagApproveBody = z.infer<typeof FlagApproveBody>;

export const FlagRejectBody = z.object({
  note: z.string().trim().min(1, '驳回时请填写审核意见').max(500, '审核意见不能超过500个字符'),
});
export type FlagRejectBody = z.infer<typeof FlagRejectBody>;

/** A flag award after a proposal or decision, with whether the idempotency key replayed it. */
export const FlagResultView = z.object({
  award: FlagAwardView,
  replayed: z.boolean(),
});
export type FlagResultView = z.infer<typeof FlagResultView>;

// ——— Vetoes (一票否决) ———

export const VetoView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  star: z.string(),
  starName: z.string(),
  reason: z.string(),
  evidence: z.string().nullable(),
  photos: z.array(PhotoView),
  recordedByName: z.string(),
  recordedAt: z.string(),
  /** false once revoked; a revoked veto stays readable. */
  active: z.boolean(),
  revokedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  demo: z.boolean(),
});
export type VetoView = z.infer<typeof VetoView>;

export const VetoListQuery = z.object({
  unit: Code.optional(),
  street: Code.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type VetoListQuery = z.infer<typeof VetoListQuery>;

export const VetoListView = z.object({ rows: z.array(VetoView) });
export type VetoListView = z.infer<typeof VetoListView>;

export const VetoCreateBody = z.object({
  idempotencyKey: IdempotencyKey,
  unitCode: Code,
  /** One of the unit's target stars. */
  star: Code,
  reason: Reason,
  evidence: Text(2000, '证据说明').nullable().optional(),
  photoKeys: PhotoKeys,
});
export type VetoCreateBody = z.input<typeof VetoCreateBody>;

export const VetoRevokeBody = z.object({
  reason: z.string().trim().min(1, '撤销时请填写原因').max(500, '原因不能超过500个字符'),
});
export type VetoRevokeBody = z.infer<typeof VetoRevokeBody>;

export const VetoResultView = z.object({ veto: VetoView, replayed: z.boolean() });
export type VetoResultView = z.infer<typeof VetoResultView>;

// ——— Star rating (五星支部评定) ———

/** One target star of a unit: December S(u,s), earned or the reason it was not. */
export const RatedStarView = z.object({
  star: z.string(),
  starName: z.string(),
  score: z.number(),
  earned: z.boolean(),
  reason: z.string().nullable(),
});
export type RatedStarView = z.infer<typeof RatedStarView>;

export const RatedVetoView = z.object({ id: z.string(), star: z.string(), reason: z.string() });
export type RatedVetoView = z.infer<typeof RatedVetoView>;

export const StarRatingRowView = z.object({
  /** Ordered by n desc, then the unit score desc, then code; equal (n, score as displayed) share a rank. */
  rank: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  targets: z.array(z.string()),
  /** U(u,Dec): the unit's mean star score. */
  score: z.number(),
  stars: z.array(RatedStarView),
  /** n of "n星支部". */
  count: z.number(),
  /** e.g. 三星支部; 未评星 with none. */
  label: z.string(),
  vetoes: z.array(RatedVetoView),
});
export type StarRatingRowView = z.infer<typeof StarRatingRowView>;

/** How many units got n stars (0..number of stars). */
export const StarRatingSummaryView = z.array(
  z.object({ count: z.number(), label: z.string(), units: z.number() }),
);
export type StarRatingSummaryView = z.infer<typeof StarRatingSummaryView>;

export const RatingConfirmationView = z.object({
  version: z.number(),
  reason: z.string().nullable(),
  confirmedByName: z.string(),
  confirmedAt: z.string(),
});
export type RatingConfirmationView = z.infer<typeof RatingConfirmationView>;

/** A unit whose rating differs between the latest confirmation and the computation now. */
export const RatingChangeView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  /** Earned stars then and now (null: the unit was not in that list). */
  confirmed: z.array(z.string()).nullable(),
  current: z.array(z.string()).nullable(),
});
export type RatingChangeView = z.infer<typeof RatingChangeView>;

export const StarRatingListView = z.object({
  campaignCode: z.string(),
  year: z.number(),
  starLine: z.number(),
  prerequisite: z.string().nullable(),
  stars: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(StarRatingRowView),
  summary: StarRatingSummaryView,
  latest: RatingConfirmationView.nullable(),
  /** Units (in the caller's scope) whose computed rating differs from the latest confirmation. */
  changed: z.array(RatingChangeView),
});
export type StarRatingListView = z.infer<typeof StarRatingListView>;

export const RatingConfirmBody = z.object({
  idempotencyKey: IdempotencyKey,
  /** Required when a confirmed version already exists. */
  reason: Text(500, '原因').optional(),
});
export type RatingConfirmBody = z.infer<typeof RatingConfirmBody>;

/** A frozen version of the list (cut to the caller's scope). */
export const ConfirmedRatingView = z.object({
  campaignCode: z.string(),
  year: z.number(),
  confirmation: RatingConfirmationView,
  stars: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(StarRatingRowView),
  summary: StarRatingSummaryView,
  /** Every version, newest first. */
  versions: z.array(RatingConfirmationView),
});
export type ConfirmedRatingView = z.infer<typeof ConfirmedRatingView>;

export const RatingConfirmResultView = z.object({
  confirmation: RatingConfirmationView,
  replayed: z.boolean(),
});
export type RatingConfirmResultView = z.infer<typeof RatingConfirmResultView>;

export const ConfirmedRatingQuery = z.object({
  version: z.coerce.number().int('版本号必须是整数').min(1, '版本号必须大于0').optional(),
});
export type ConfirmedRatingQuery = z.infer<typeof ConfirmedRatingQuery>;

export const RatingExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export type RatingExportQuery = z.infer<typeof RatingExportQuery>;

/** A printable certificate list: units with at least one star, by n desc. */
export const CertificateRowView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  streetName: z.string().nullable(),
  count: z.number(),
  label: z.string(),
  /** Names of the stars earned, in campaign order. */
  starNames: z.array(z.string()),
});
export type CertificateRowView = z.infer<typeof CertificateRowView>;

export const CertificateListView = z.object({
  campaignCode: z.string(),
  year: z.number(),
  /** From the latest confirmed version, or the computation when none is confirmed yet. */
  source: z.enum(['confirmed', 'computed']),
  version: z.number().nullable(),
  rows: z.array(CertificateRowView),
});
export type CertificateListView = z.infer<typeof CertificateListView>;
