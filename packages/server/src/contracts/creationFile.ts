import { z } from 'zod';
import { Code, IdempotencyKey } from './campaigns';
import { PhotoView } from './supervision';

/**
 * 创建档案, a village's creation file: for each star it targets in a campaign, the measures it takes (创建措施)
 * and its progress reports (how far along, in percent), each with photos as evidence. The village keeps it; its
 * street, the district and the inspectors assigned to it read it before and during a visit. Entries are only
 * ever added (a correction is a new entry). Shared with the web app as types.
 */

export const CREATION_ENTRY_KINDS = ['measure', 'progress'] as const;
/** 创建措施 or 进展情况. */
export const CreationEntryKind = z.enum(CREATION_ENTRY_KINDS, { message: '类型只能是创建措施或进展情况' });
export type CreationEntryKind = z.infer<typeof CreationEntryKind>;

export const AddCreationEntryBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    star: Code,
    kind: CreationEntryKind,
    text: z.string().trim().min(1, '请填写内容').max(1000, '内容不能超过1000个字符'),
    /** How far along the star's creation is (0–100), progress reports only. */
    percent: z
      .number()
      .int('完成进度须为整数')
      .min(0, '完成进度不能小于0')
      .max(100, '完成进度不能超过100')
      .nullable()
      .optional(),
    photoKeys: z.array(IdempotencyKey).max(9, '最多附9张照片').default([]),
  })
  .refine((b) => b.kind === 'progress' || b.percent === undefined || b.percent === null, {
    message: '只有进展情况填写完成进度',
    path: ['percent'],
  });
export type AddCreationEntryBody = z.input<typeof AddCreationEntryBody>;

export const CreationEntryView = z.object({
  id: z.string(),
  kind: CreationEntryKind,
  text: z.string(),
  percent: z.number().nullable(),
  photos: z.array(PhotoView),
  enteredByName: z.string(),
  enteredAt: z.string(),
});
export type CreationEntryView = z.infer<typeof CreationEntryView>;

/** One target star's part of the file. */
export const CreationStarView = z.object({
  star: z.string(),
  starName: z.string(),
  measures: z.array(CreationEntryView),
  /** Newest first. */
  progress: z.array(CreationEntryView),
  /** The newest progress report's percent, null before the first. */
  percent: z.number().nullable(),
});
export type CreationStarView = z.infer<typeof CreationStarView>;

export const CreationFileView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  unit: z.object({ code: z.string(), name: z.string(), streetName: z.string().nullable() }),
  stars: z.array(CreationStarView),
  can: z.object({ add: z.boolean() }),
});
export type CreationFileView = z.infer<typeof CreationFileView>;

export const CreationFileWriteView = z.object({ file: CreationFileView, replayed: z.boolean() });
export type CreationFileWriteView = z.infer<typeof CreationFileWriteView>;
