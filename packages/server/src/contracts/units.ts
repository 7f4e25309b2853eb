import { z } from 'zod';
import { UnitType } from './common';

const Code = z
  .string()
  .trim()
  .min(1, '编码不能为空')
  .max(64, '编码不能超过64个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '编码只能包含字母、数字、下划线、点和连字符');
const Name = z.string().trim().min(1, '名称不能为空').max(100, '名称不能超过100个字符');

export const UnitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: UnitType,
  parentId: z.string().nullable(),
  parentCode: z.string().nullable(),
  weight: z.number(),
  contestGroupId: z.string().nullable(),
  contestGroupName: z.string().nullable(),
  childCount: z.number(),
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type UnitView = z.infer<typeof UnitView>;

export const UnitHistoryEntry = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  change: z.enum(['created', 'renamed', 'moved', 'updated', 'imported']),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type UnitHistoryEntry = z.infer<typeof UnitHistoryEntry>;

export const UnitDetailView = UnitView.extend({
  path: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  history: z.array(UnitHistoryEntry),
});
export type UnitDetailView = z.infer<typeof UnitDetailView>;

export const UnitListQuery = z.object({
  type: UnitType.optional(),
  q: z.string().max(100).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const CreateUnitBody = z.object({
  code: Code,
  name: Name,
  type: UnitType,
  parentCode: Code.nullable().optional(),
  weight: z.number().positive('权重必须大于0').max(1000, '权重不能超过1000').optional(),
  contestGroupCode: Code.nullable().optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.object({
  name: Name.optional(),
  weight: z.number().positive('权重必须大于0').max(1000, '权重不能超过1000').optional(),
  contestGroupCode: Code.nullable().optional(),
});
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const MoveUnitBody = z.object({ parentCode: Code });
export type MoveUnitBody = z.infer<typeof MoveUnitBody>;

export const ImportResultView = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
export type ImportResultView = z.infer<typeof ImportResultView>;

export const ContestGroupView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unitCount: z.number(),
});
export type ContestGroupView = z.infer<typeof ContestGroupView>;
