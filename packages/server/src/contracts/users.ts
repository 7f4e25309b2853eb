import { z } from 'zod';
import { NewPassword } from './auth';
import { Role } from './common';

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopeUnitId: z.string().nullable(),
  scopeUnitCode: z.string().nullable(),
  scopeUnitName: z.string().nullable(),
  assignedUnitCodes: z.array(z.string()),
  disabled: z.boolean(),
  demo: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

const Username = z
  .string()
  .trim()
  .min(3, '用户名至少3个字符')
  .max(64, '用户名不能超过64个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');
const DisplayName = z.string().trim().min(1, '姓名不能为空').max(64, '姓名不能超过64个字符');
const UnitCode = z.string().trim().min(1).max(64);

export const CreateUserBody = z.object({
  username: Username,
  displayName: DisplayName,
  role: Role,
  scopeUnitCode: UnitCode.nullable().optional(),
  assignedUnitCodes: z.array(UnitCode).max(5000).optional(),
  password: NewPassword,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  displayName: DisplayName.optional(),
  role: Role.optional(),
  scopeUnitCode: UnitCode.nullable().optional(),
  assignedUnitCodes: z.array(UnitCode).max(5000).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.object({ password: NewPassword });
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;
