import type { Role } from '../contracts/common';
import type { CreateUserBody, ResetPasswordBody, UpdateUserBody } from '../contracts/users';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { hashPassword } from '../lib/password';
import { authorize } from '../policies/policy';
import type { UserListRow } from '../repositories/user.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/** The unit type a role's scope must be, or null when the role has no scope unit. */
const SCOPE_TYPES: Record<Role, readonly string[] | null> = {
  district_admin: ['district'],
  street_admin: ['street'],
  village_user: ['village', 'community'],
  inspector: null,
  judge: null,
};

const SCOPE_HINT: Record<Role, string> = {
  district_admin: '区管理员的所属单位必须是区',
  street_admin: '街道管理员必须指定所属街道',
  village_user: '村(社区)用户必须指定所属村或社区',
  inspector: '督导组成员不设所属单位，请分配督导单位',
  judge: '评委不设所属单位',
};

export interface UserWithAssignments {
  user: UserListRow;
  assignedUnitCodes: string[];
}

async function resolveScope(
  ctx: ServiceContext,
  role: Role,
  code: string | null | undefined,
): Promise<string | null> {
  const types = SCOPE_TYPES[role];
  if (!types) {
    if (code) throw invalid(SCOPE_HINT[role], 'scopeUnitCode');
    return null;
  }
  if (!code) throw invalid(SCOPE_HINT[role], 'scopeUnitCode');
  const unit = await ctx.repos.units.findByCode(code);
  if (!unit) throw invalid(`单位编码 ${code} 不存在`, 'scopeUnitCode');
  if (!types.includes(unit.type)) throw invalid(SCOPE_HINT[role], 'scopeUnitCode');
  return unit.id;
}

async function resolveAssignments(
  ctx: ServiceContext,
  role: Role,
  codes: string[] | undefined,
): Promise<string[]> {
  if (!codes || codes.length === 0) return [];
  if (role !== 'inspector') throw invalid('只有督导组成员可以分配督导单位', 'assignedUnitCodes');
  const unique = [...new Set(codes)];
  const units = await ctx.repos.units.findByCodes(unique);
  const found = new Set(units.map((u) => u.code));
  const missing = unique.filter((c) => !found.has(c));
  if (missing.length > 0)
    throw invalid(`单位编码不存在：${missing.slice(0, 5).join('、')}`, 'assignedUnitCodes');
  return units.map((u) => u.id);
}

function snapshot(u: UserListRow, assigned: string[]) {
  return {
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    scopeUnitCode: u.scope_unit_code,
    disabled: Boolean(u.disabled),
    assignedUnitCodes: assigned,
  };
}

/** All accounts with their scope and assignments (district admin only). */
export async function listUsers(ctx: ServiceContext): Promise<UserWithAssignments[]> {
  authorize(ctx.actor, { do: 'user.manage' });
  const users = await ctx.repos.users.list();
  const assignments = await ctx.repos.users.allAssignmentCodes();
  return users.map((user) => ({ user, assignedUnitCodes: assignments.get(user.id) ?? [] }));
}

async function load(ctx: ServiceContext, id: string): Promise<UserWithAssignments> {
  const user = await ctx.repos.users.findById(id);
  if (!user) throw notFound('用户不存在');
  const assigned = await ctx.repos.users.assignments(id);
  return { user, assignedUnitCodes: assigned.map((a) => a.code) };
}

/** Creates an account with a role, its scope unit and (for inspectors) assigned units. */
export async function createUser(
  ctx: ServiceContext,
  body: CreateUserBody,
  options: { demo?: boolean; mustChangePassword?: boolean } = {},
): Promise<UserWithAssignments> {
  authorize(ctx.actor, { do: 'user.manage' });
  if (await ctx.repos.users.findByUsername(body.username))
    throw conflict(`用户名 ${body.username} 已存在`, 'username');
  const scopeUnitId = await resolveScope(ctx, body.role, body.scopeUnitCode);
  const assigned = await resolveAssignments(ctx, body.role, body.assignedUnitCodes);
  const id = newId();
  await ctx.repos.users.insert({
    id,
    username: body.username,
    display_name: body.displayName,
    role: body.role,
    scope_unit_id: scopeUnitId,
    password_hash: await hashPassword(body.password, ctx.settings.scryptLogN),
    must_change_password: options.mustChangePassword === false ? 0 : 1,
    disabled: 0,
    demo: options.demo ? 1 : 0,
    created_at: ctx.now,
    updated_at: ctx.now,
    last_login_at: null,
    password_changed_at: ctx.now,
  });
  await ctx.repos.users.replaceAssignments(id, assigned);
  const created = await load(ctx, id);
  await recordAudit(ctx, {
    action: 'user.create',
    entity: 'user',
    entityId: id,
    before: null,
    after: snapshot(created.user, created.assignedUnitCodes),
  });
  return created;
}

/** Changes an account's name, role, scope, assignments or disabled flag; a change of rights ends its sessions. */
export async function updateUser(
  ctx: ServiceContext,
  id: string,
  body: UpdateUserBody,
): Promise<UserWithAssignments> {
  authorize(ctx.actor, { do: 'user.manage' });
  const before = await load(ctx, id);
  const role = body.role ?? (before.user.role as Role);
  if (id === ctx.actor.userId && (body.disabled === true || (body.role && body.role !== before.user.role)))
    throw invalid('不能停用自己的账号或修改自己的角色', body.disabled ? 'disabled' : 'role');
  const scopeChanged = body.role !== undefined || body.scopeUnitCode !== undefined;
  const scopeUnitId = scopeChanged
    ? await resolveScope(
        ctx,
        role,
        body.scopeUnitCode !== undefined ? body.scopeUnitCode : before.user.scope_unit_code,
      )
    : before.user.scope_unit_id;
  const assignmentCodes = body.assignedUnitCodes ?? (role === 'inspector' ? before.assignedUnitCodes : []);
  const assigned = await resolveAssignments(ctx, role, assignmentCodes);
  await ctx.repos.users.update(id, {
    display_name: body.displayName ?? before.user.display_name,
    role,
    scope_unit_id: scopeUnitId,
    disabled: body.disabled === undefined ? before.user.disabled : body.disabled ? 1 : 0,
    updated_at: ctx.now,
  });
  await ctx.repos.users.replaceAssignments(id, assigned);
  const after = await load(ctx, id);
  const rightsChanged =
    after.user.role !== before.user.role ||
    after.user.scope_unit_id !== before.user.scope_unit_id ||
    after.user.disabled !== before.user.disabled ||
    after.assignedUnitCodes.join() !== before.assignedUnitCodes.join();
  if (rightsChanged) await ctx.repos.sessions.deleteForUser(id);
  await recordAudit(ctx, {
    action: 'user.update',
    entity: 'user',
    entityId: id,
    before: snapshot(before.user, before.assignedUnitCodes),
    after: snapshot(after.user, after.assignedUnitCodes),
  });
  return after;
}

/** Sets a new password for an account, which must change it at next login; its sessions end. */
export async function resetUserPassword(
  ctx: ServiceContext,
  id: string,
  body: ResetPasswordBody,
): Promise<void> {
  authorize(ctx.actor, { do: 'user.manage' });
  const user = await ctx.repos.users.findById(id);
  if (!user) throw notFound('用户不存在');
  await ctx.repos.users.update(id, {
    password_hash: await hashPassword(body.password, ctx.settings.scryptLogN),
    must_change_password: 1,
    password_changed_at: ctx.now,
    updated_at: ctx.now,
  });
  await ctx.repos.sessions.deleteForUser(id);
  await recordAudit(ctx, {
    action: 'user.resetPassword',
    entity: 'user',
    entityId: id,
    before: null,
    after: { passwordChangedAt: ctx.now },
  });
}
