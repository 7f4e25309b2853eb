import { z } from 'zod';
import { Code, IdempotencyKey, Reason } from './campaigns';
import { PhotoView } from './supervision';

/**
 * 公示 publishing: a period's results frozen as a numbered snapshot with versions (a new version only with its
 * reason), objections (异议) against its rows while the window (公示期) is open, the public page's view (no user
 * names, only the snapshot) and the diff between versions. Shared with the web app as types.
 */

const Id = z.string().min(1).max(64);
const Token = z.string().min(16).max(128);

export const PUBLICATION_SCOPES = ['public', 'internal'] as const;
/** public: anyone with the link, no login; internal: logged-in users only. */
export const PublicationScope = z.enum(PUBLICATION_SCOPES);
export type PublicationScope = z.infer<typeof PublicationScope>;

export const OBJECTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
/** 待处理 → 已采纳 (a new version) / 未采纳 (with a reason). */
export const ObjectionStatus = z.enum(OBJECTION_STATUSES);
export type ObjectionStatus = z.infer<typeof ObjectionStatus>;

export const PublicationParams = z.object({ id: Id });
export const ObjectionParams = z.object({ id: Id, objectionId: Id });
export const PublicTokenParams = z.object({ token: Token });

// ——— The frozen snapshot ———

/** Scores per campaign star (null: the unit does not target it), rounded half up to 2 decimals. */
const StarScores = z.record(z.string(), z.number().nullable());

export const SnapshotUnitRow = z.object({
  rank: z.number(),
  code: z.string(),
  name: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  score: z.number(),
  /** 得分率 as a percentage, or null. */
  rate: z.number().nullable(),
  stars: StarScores,
});
export type SnapshotUnitRow = z.infer<typeof SnapshotUnitRow>;

export const SnapshotStreetRow = z.object({
  rank: z.number(),
  code: z.string(),
  name: z.string(),
  score: z.number(),
  stars: StarScores,
});
export type SnapshotStreetRow = z.infer<typeof SnapshotStreetRow>;

/** One star's table: the units targeting it, ranked by their score on it. */
export const SnapshotStarTable = z.object({
  star: z.string(),
  starName: z.string(),
  rows: z.array(
    z.object({
      rank: z.number(),
      code: z.string(),
      name: z.string(),
      streetName: z.string().nullable(),
      score: z.number(),
    }),
  ),
});
export type SnapshotStarTable = z.infer<typeof SnapshotStarTable>;

/** What a version freezes: the period's village ranking, street ranking and per-star tables. */
export const PublicationSnapshot = z.object({
  campaignCode: z.string(),
  campaignName: z.string(),
  year: z.number(),
  period: z.string(),
  /** e.g. 2023年第一季度, 2023年度. */
  periodLabel: z.string(),
  stars: z.array(z.object({ code: z.string(), name: z.string() })),
  units: z.array(SnapshotUnitRow),
  streets: z.array(SnapshotStreetRow),
  perStar: z.array(SnapshotStarTable),
});
export type PublicationSnapshot = z.infer<typeof PublicationSnapshot>;

// ——— Management views (logged in) ———

export const PublicationSummaryView = z.object({
  id: z.string(),
  /** GS-YYYY-NNN */
  number: z.string(),
  campaignCode: z.string(),
  campaignName: z.string(),
  year: z.number(),
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  scope: PublicationScope,
  /** The organisation that publishes, e.g. 区委组织部. */
  publisher: z.string(),
  /** Where to raise objections (office, phone). */
  contact: z.string(),
  publishedOn: z.string(),
  windowDays: z.number(),
  /** Last day of the objection window (YYYY-MM-DD). */
  windowEnd: z.string(),
  windowOpen: z.boolean(),
  currentVersion: z.number(),
  publishedByName: z.string(),
  publishedAt: z.string(),
  /** The public page, `/p/<token>`. */
  publicPath: z.string(),
  pendingObjections: z.number(),
  demo: z.boolean(),
});
export type PublicationSummaryView = z.infer<typeof PublicationSummaryView>;

export const PublicationListQuery = z.object({ campaign: Code.optional() });
export type PublicationListQuery = z.infer<typeof PublicationListQuery>;

export const PublicationListView = z.object({ rows: z.array(PublicationSummaryView) });
export type PublicationListView = z.infer<typeof PublicationListView>;

export const PublicationVersionView = z.object({
  version: z.number(),
  /** Why the version was made (null for version 1). */
  reason: z.string().nullable(),
  /** The accepted objection that led to it. */
  objectionId: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type PublicationVersionView = z.infer<typeof PublicationVersionView>;

export const ObjectionView = z.object({
  id: z.string(),
  /** The version it was filed against. */
  version: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  reason: z.string(),
  status: ObjectionStatus,
  filedByName: z.string(),
  filedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** The version an accepted objection produced. */
  resolvedVersion: z.number().nullable(),
  photos: z.array(PhotoView),
  demo: z.boolean(),
});
export type ObjectionView = z.infer<typeof ObjectionView>;

export const PublicationVersionQuery = z.object({
  version: z.coerce.number().int('版本号必须是整数').min(1, '版本号必须大于0').optional(),
});
export type PublicationVersionQuery = z.infer<typeof PublicationVersionQuery>;

export const PublicationDetailView = z.object({
  publication: PublicationSummaryView,
  /** Every version, oldest first. */
  versions: z.array(PublicationVersionView),
  /** The version shown (the current one unless asked). */
  version: z.number(),
  snapshot: PublicationSnapshot,
  /** Objections about units in the caller's part of the tree, oldest first. */
  objections: z.array(ObjectionView),
  /** Units of the current version the caller may file an objection for (while the window is open). */
  canObjectFor: z.array(z.string()),
  /** The caller may publish new versions and decide objections. */
  canManage: z.boolean(),
});
export type PublicationDetailView = z.infer<typeof PublicationDetailView>;

export const PublishBody = z.object({
  idempotencyKey: IdempotencyKey,
  campaignCode: Code,
  /** A quarter `YYYY-Qn` or the year `YYYY` of the campaign. */
  period: z
    .string()
    .trim()
    .regex(/^\d{4}(-Q[1-4])?$/, '公示期间须为季度（如 2023-Q1）或年度（如 2023）'),
  scope: PublicationScope.default('public'),
  /** Defaults to «campaign name + period + 考评结果公示». */
  title: z.string().trim().max(100, '标题不能超过100个字符').optional(),
  publisher: z
    .string()
    .trim()
    .min(1, '请填写发布单位')
    .max(50, '发布单位不能超过50个字符')
    .default('区委组织部'),
  contact: z.string().trim().min(1, '请填写异议受理联系方式').max(200, '联系方式不能超过200个字符'),
  /** Working days (Mon–Fri) after the publishing day; 5 by default. */
  windowDays: z.number().int('公示期须为整数个工作日').min(1, '公示期至少1个工作日').max(30).default(5),
});
export type PublishBody = z.input<typeof PublishBody>;

export const NewVersionBody = z.object({ idempotencyKey: IdempotencyKey, reason: Reason });
export type NewVersionBody = z.infer<typeof NewVersionBody>;

export const ObjectionBody = z.object({
  idempotencyKey: IdempotencyKey,
  /** The unit whose row is objected to. */
  unitCode: Code,
  reason: z.string().trim().min(1, '请填写异议理由').max(1000, '异议理由不能超过1000个字符'),
  photoKeys: z.array(IdempotencyKey).max(9, '最多附9张照片').default([]),
});
export type ObjectionBody = z.input<typeof ObjectionBody>;

export const RejectObjectionBody = z.object({
  reason: z.string().trim().min(1, '不予采纳时请填写理由').max(500, '理由不能超过500个字符'),
});
export type RejectObjectionBody = z.infer<typeof RejectObjectionBody>;

export const AcceptObjectionBody = z.object({
  idempotencyKey: IdempotencyKey,
  /** The new version's reason: what was corrected. */
  reason: z.string().trim().min(1, '采纳时请填写更正说明').max(500, '更正说明不能超过500个字符'),
});
export type AcceptObjectionBody = z.infer<typeof AcceptObjectionBody>;

export const PublicationResultView = z.object({
  publication: PublicationSummaryView,
  replayed: z.boolean(),
});
export type PublicationResultView = z.infer<typeof PublicationResultView>;

export const ObjectionResultView = z.object({
  objection: ObjectionView,
  publication: PublicationSummaryView,
  replayed: z.boolean(),
});
export type ObjectionResultView = z.infer<typeof ObjectionResultView>;

export const PublicationDiffQuery = z.object({
  from: z.coerce.number().int().min(1, '版本号必须大于0'),
  to: z.coerce.number().int().min(1, '版本号必须大于0'),
});
export type PublicationDiffQuery = z.infer<typeof PublicationDiffQuery>;

/** One changed figure of a row. */
export const DiffFieldView = z.object({
  /** rank, score, rate, or a star code. */
  field: z.string(),
  label: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
});
export type DiffFieldView = z.infer<typeof DiffFieldView>;

export const DiffRowView = z.object({
  level: z.enum(['unit', 'street']),
  code: z.string(),
  name: z.string(),
  /** changed, or only in one of the versions. */
  kind: z.enum(['changed', 'added', 'removed']),
  fields: z.array(DiffFieldView),
});
export type DiffRowView = z.infer<typeof DiffRowView>;

export const PublicationDiffView = z.object({
  from: z.number(),
  to: z.number(),
  /** The reason of the later version (why it differs). */
  reason: z.string().nullable(),
  /** The reasons of every version after `from` up to `to`. */
  reasons: z.array(z.object({ version: z.number(), reason: z.string().nullable() })),
  rows: z.array(DiffRowView),
});
export type PublicationDiffView = z.infer<typeof PublicationDiffView>;

// ——— The public page (no login for public scope; never user names) ———

export const PublicVersionView = z.object({
  version: z.number(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicVersionView = z.infer<typeof PublicVersionView>;

export const PublicPublicationView = z.object({
  /** For logged-in village and street users filing an objection from the page. */
  id: z.string(),
  number: z.string(),
  title: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  scope: PublicationScope,
  publisher: z.string(),
  contact: z.string(),
  publishedOn: z.string(),
  windowDays: z.number(),
  windowEnd: z.string(),
  windowOpen: z.boolean(),
  currentVersion: z.number(),
  /** The version shown. */
  version: z.number(),
  versions: z.array(PublicVersionView),
  snapshot: PublicationSnapshot,
  publicPath: z.string(),
});
export type PublicPublicationView = z.infer<typeof PublicPublicationView>;
