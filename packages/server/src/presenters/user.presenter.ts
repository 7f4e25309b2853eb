import type { SessionUser } from '../contracts/auth';
import type { Role } from '../contracts/common';
import type { UserView } from '../contracts/users';
import type { UserListRow } from '../repositories/user.repository';

/** An account as the user-management page shows it (never the password hash). */
export function presentUser(d: { user: UserListRow; assignedUnitCodes: string[] }): UserView {
  const u = d.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    scopeUnitId: u.scope_unit_id,
    scopeUnitCode: u.scope_unit_code,
    scopeUnitName: u.scope_unit_name,
    assignedUnitCodes: d.assignedUnitCodes,
    disabled: Boolean(u.disabled),
    demo: Boolean(u.demo),
    createdAt: u.created_at,
    lastLoginAt: u.last_login_at,
  };
}

/** The logged-in user as the client's session sees it. */
export function presentSessionUser(u: UserListRow): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role as Role,
    scopeUnitId: u.scope_unit_id,
    scopeUnitName: u.scope_unit_name,
    mustChangePassword: Boolean(u.must_change_password),
  };
}
