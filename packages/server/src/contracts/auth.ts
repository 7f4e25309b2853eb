import { z } from 'zod';
import { Role } from './common';

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名不能超过64个字符'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  scopeUnitId: z.string().nullable(),
  scopeUnitName: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** What the client learns about its session: the user and the CSRF token to echo in `x-csrf-token`. */
export const SessionView = z.object({ user: SessionUser, csrfToken: z.string() });
export type SessionView = z.infer<typeof SessionView>;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN, `密码至少${PASSWORD_MIN}个字符`)
  .max(PASSWORD_MAX, `密码不能超过${PASSWORD_MAX}个字符`);

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const MetaView = z.object({
  districtName: z.string().nullable(),
  demo: z.boolean(),
  version: z.string(),
});
export type MetaView = z.infer<typeof MetaView>;
