import type { Insertable, Selectable, Updateable } from 'kysely';
import type { UsersTable } from '../db/schema';
import type { Executor } from './executor';

export type UserRow = Selectable<UsersTable>;

/** A user with its scope unit's code, name and path joined in. */
export interface UserListRow extends UserRow {
  scope_unit_code: string | null;
  scope_unit_name: string | null;
  scope_unit_path: string | null;
}

/** All SQL about accounts and inspector assignments. */
export class UserRepository {
  constructor(private readonly x: Executor) {}

  private withScope() {
    return this.x.db
      .selectFrom('users as usr')
      .leftJoin('units as su', 'su.id', 'usr.scope_unit_id')
      .selectAll('usr')
      .select(['su.code as scope_unit_code', 'su.name as scope_unit_name', 'su.path as scope_unit_path']);
  }

  async list(): Promise<UserListRow[]> {
    return this.withScope().orderBy('usr.role').orderBy('usr.username').execute();
  }

  async findById(id: string): Promise<UserListRow | undefined> {
    return this.withScope().where('usr.id', '=', id).executeTakeFirst();
  }

  async findByUsername(username: string): Promise<UserListRow | undefined> {
    return this.withScope().where('usr.username', '=', username).executeTakeFirst();
  }

  async insert(row: Insertable<UsersTable>): Promise<void> {
    await this.x.db.insertInto('users').values(row).execute();
  }

  async update(id: string, patch: Updateable<UsersTable>): Promise<void> {
    await this.x.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.x.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Assigned units of one user with their codes and paths. */
  async assignments(userId: string): Promise<{ unit_id: string; code: string; path: string }[]> {
    return this.x.db
      .selectFrom('user_assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.unit_id', 'u.code', 'u.path'])
      .where('a.user_id', '=', userId)
      .orderBy('u.code')
      .execute();
  }

  /** Assigned unit codes of every user, keyed by user id. */
  async allAssignmentCodes(): Promise<Map<string, string[]>> {
    const rows = await this.x.db
      .selectFrom('user_assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.user_id', 'u.code'])
      .orderBy('u.code')
      .execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.code]);
    return out;
  }

  async replaceAssignments(userId: string, unitIds: string[]): Promise<void> {
    await this.x.db.deleteFrom('user_assignments').where('user_id', '=', userId).execute();
    if (unitIds.length > 0)
      await this.x.db
        .insertInto('user_assignments')
        .values(unitIds.map((unit_id) => ({ user_id: userId, unit_id })))
        .execute();
  }
}
