import { z } from 'zod';
import { Code, PeriodView } from './campaigns';

/**
 * Cadres linked to the villages they answer for: street cadres (街道干部) and village-stationed cadres (驻村干部),
 * each of one street and attached to villages or communities of it, so their annual assessment can take those
 * villages' results (结果运用 → 干部考核). District admins keep every street's, street admins their own.
 * Shared with the web app as types.
 */

export const CADRE_KINDS = ['street', 'stationed'] as const;
/** 街道干部 or 驻村干部. */
export const CadreKind = z.enum(CADRE_KINDS, { message: '类别只能是街道干部或驻村干部' });
export type CadreKind = z.infer<typeof CadreKind>;

const Name = z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过40个字符');
const Position = z.string().trim().min(1, '请填写职务').max(60, '职务不能超过60个字符');
const Phone = z
  .string()
  .trim()
  .max(20, '联系电话不能超过20个字符')
  .regex(/^[0-9+\- ]*$/, '联系电话只能包含数字、空格、加号和连字符');
const UnitCodes = z
  .array(Code)
  .min(1, '请至少选择一个联系的村（社区）')
  .max(50, '联系的村（社区）不能超过50个');

export const CreateCadreBody = z.object({
  name: Name,
  kind: CadreKind,
  position: Position,
  phone: Phone.optional(),
  /** The street the cadre belongs to; every unit must lie in it. */
  streetCode: Code,
  /** The villages and communities the cadre answers for. */
  unitCodes: UnitCodes,
});
export type CreateCadreBody = z.input<typeof CreateCadreBody>;

/** A change to a cadre: any of its fields, or `active: false` when the cadre leaves (离任). */
export const UpdateCadreBody = z.object({
  name: Name.optional(),
  kind: CadreKind.optional(),
  position: Position.optional(),
  phone: Phone.optional(),
  unitCodes: UnitCodes.optional(),
  active: z.boolean().optional(),
});
export type UpdateCadreBody = z.input<typeof UpdateCadreBody>;

export const CadreIdParams = z.object({ id: z.string().min(1).max(64) });

export const CadreListQuery = z.object({
  street: Code.optional(),
  /** Also the cadres who left. */
  all: z.enum(['true', 'false']).default('false'),
});
export type CadreListQuery = z.infer<typeof CadreListQuery>;

const UnitRefView = z.object({ code: z.string(), name: z.string() });

export const CadreView = z.object({
  id: z.string(),
  name: z.string(),
  kind: CadreKind,
  position: z.string(),
  phone: z.string().nullable(),
  street: UnitRefView,
  units: z.array(UnitRefView),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type CadreView = z.infer<typeof CadreView>;

export const CadreListView = z.object({
  rows: z.array(CadreView),
  /** The streets the caller may keep cadres of, with their villages and communities (for the form). */
  streets: z.array(UnitRefView.extend({ units: z.array(UnitRefView) })),
});
export type CadreListView = z.infer<typeof CadreListView>;

/** Which period the assessment takes (`2023`, `2023-Q4`, `2023-06`); the campaign year when left out. */
export const CadreResultsQuery = z.object({
  period: z.string().trim().min(4).max(10).optional(),
  street: Code.optional(),
});
export type CadreResultsQuery = z.infer<typeof CadreResultsQuery>;
export const CadreResultsExportQuery = CadreResultsQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

/** One village a cadre answers for, with its result in the period. */
export const CadreUnitResultView = z.object({
  code: z.string(),
  name: z.string(),
  /** Null: not assessed in the campaign. */
  score: z.number().nullable(),
  rank: z.number().nullable(),
  /** Stars earned in the year's rating (year period only). */
  stars: z.number().nullable(),
  redWarning: z.boolean(),
});

export const CadreResultRowView = z.object({
  /** Among active cadres of the same kind the caller sees, by mean score; null when no village is assessed. */
  rank: z.number().nullable(),
  cadre: CadreView,
  units: z.array(CadreUnitResultView),
  assessed: z.number(),
  meanScore: z.number().nullable(),
  bestRank: z.number().nullable(),
  worstRank: z.number().nullable(),
  starsTotal: z.number().nullable(),
  redWarnings: z.number(),
});
export type CadreResultRowView = z.infer<typeof CadreResultRowView>;

export const CadreResultsView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  period: PeriodView,
  /** Units ranked in the period (the denominator of a rank). */
  rankedUnits: z.number(),
  rows: z.array(CadreResultRowView),
});
export type CadreResultsView = z.infer<typeof CadreResultsView>;
