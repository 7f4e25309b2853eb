import { z } from 'zod';
import { Code } from './campaigns';

/**
 * 月度通报 the monthly bulletin: generated from the ledger for one campaign month as an editable Chinese draft
 * (sections of text) with its tables, then issued (印发), which freezes it. Exported as Word (.docx) and PDF.
 * Shared with the web app as types.
 */

const Id = z.string().min(1).max(64);
const Month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2023-06');

export const BULLETIN_STATUSES = ['draft', 'issued'] as const;
/** 草稿 (editable) / 已印发 (frozen). */
export const BulletinStatus = z.enum(BULLETIN_STATUSES);
export type BulletinStatus = z.infer<typeof BulletinStatus>;

export const BulletinParams = z.object({ id: Id });

/** The list's filter: one campaign's bulletins. */
export const BulletinListQuery = z.object({ campaign: Code.optional() });
export type BulletinListQuery = z.infer<typeof BulletinListQuery>;

/** Generate the bulletin of a campaign month (409 when that month already has one: regenerate it instead). */
export const CreateBulletinBody = z.object({ campaign: Code, month: Month });
export type CreateBulletinBody = z.infer<typeof CreateBulletinBody>;

/** One section of the text: a heading (一、二、…) and its paragraphs (blank lines separate them). */
export const BulletinSection = z.object({
  heading: z.string().trim().max(100, '小标题不能超过100个字符'),
  text: z.string().max(20000, '正文每节不能超过20000个字符'),
});
export type BulletinSection = z.infer<typeof BulletinSection>;

/** Save the edited draft. `version` is the one edited (409 when someone saved in between). */
export const UpdateBulletinBody = z.object({
  title: z.string().trim().min(1, '请填写标题').max(100, '标题不能超过100个字符'),
  /** 文号, e.g. `石组通〔2023〕6号`; may be empty. */
  docNumber: z.string().trim().max(50, '文号不能超过50个字符'),
  sections: z.array(BulletinSection).min(1, '至少保留一节正文').max(20, '正文不能超过20节'),
  version: z.number().int().min(1),
});
export type UpdateBulletinBody = z.infer<typeof UpdateBulletinBody>;

/** Regenerate (figures and text from the ledger again, edits lost) or issue a draft at `version`. */
export const BulletinVersionBody = z.object({ version: z.number().int().min(1) });
export type BulletinVersionBody = z.infer<typeof BulletinVersionBody>;

/** A table of the bulletin: headers and rows of text or numbers (numbers already rounded for print). */
export const BulletinTable = z.object({
  key: z.string(),
  title: z.string(),
  /** The index of the text section the table is printed after (a section removed in editing: at the end). */
  section: z.number().int().min(0),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type BulletinTable = z.infer<typeof BulletinTable>;

/** The figures the text quotes, as computed at generation (frozen with the draft, so text and tables agree). */
export const BulletinFigures = z.object({
  month: z.string(),
  /** Rounds held in the month, and so far in the year. */
  roundsInMonth: z.number(),
  roundsToDate: z.number(),
  /** Distinct units inspected (a submitted sheet) in the month. */
  unitsCovered: z.number(),
  /** Problems raised in the month / closed in the month / not closed and overdue at the month's end. */
  notifiedInMonth: z.number(),
  closedInMonth: z.number(),
  overdueAtMonthEnd: z.number(),
  /** The year so far (as of the month's end): the seed's "通报问题80条、整改销号56条". */
  notifiedToDate: z.number(),
  closedToDate: z.number(),
  /** closedToDate ÷ notifiedToDate × 100, 1 decimal; null when nothing was notified. */
  closureRateToDate: z.number().nullable(),
  /** Warnings active at the month's end (raised by then and not lifted by then). */
  warningsActive: z.number(),
  /** Warnings raised in the month. */
  warningsRaisedInMonth: z.number(),
  /** Mean unit score at the month's end, 2 decimals. */
  avgScore: z.number().nullable(),
  unitsRanked: z.number(),
});
export type BulletinFigures = z.infer<typeof BulletinFigures>;

export const BulletinSummaryView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  campaignName: z.string(),
  month: z.string(),
  title: z.string(),
  docNumber: z.string(),
  status: BulletinStatus,
  version: z.number(),
  updatedAt: z.string(),
  updatedByName: z.string(),
  issuedAt: z.string().nullable(),
});
export type BulletinSummaryView = z.infer<typeof BulletinSummaryView>;

export const BulletinListView = z.object({ bulletins: z.array(BulletinSummaryView) });
export type BulletinListView = z.infer<typeof BulletinListView>;

export const BulletinView = BulletinSummaryView.extend({
  districtName: z.string(),
  /** The issuing body printed at the end (落款), e.g. `中共石龙区委组织部`. */
  issuer: z.string(),
  /** `YYYY-MM-DD` printed under the issuer: the issue date, or today for a draft. */
  dateLine: z.string(),
  sections: z.array(BulletinSection),
  tables: z.array(BulletinTable),
  figures: BulletinFigures,
  generatedAt: z.string(),
  issuedByName: z.string().nullable(),
  demo: z.boolean(),
});
export type BulletinView = z.infer<typeof BulletinView>;
