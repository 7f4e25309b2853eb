import type { Insertable, Selectable } from 'kysely';
import type { SessionsTable } from '../db/schema';
import type { Executor } from './executor';

export type SessionRow = Selectable<SessionsTable>;

/** All SQL about login sessions and login attempts. */
export class SessionRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<SessionsTable>): Promise<void> {
    await this.x.db.insertInto('sessions').values(row).execute();
  }

  async findById(id: string): Promise<SessionRow | undefined> {
    return this.x.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async touch(id: string, at: string): Promise<void> {
    await this.x.db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.x.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<void> {
    let q = this.x.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.x.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }

  async recordAttempt(username: string, ip: string, at: string, success: boolean): Promise<void> {
    await this.x.db
      .insertInto('login_attempts')
      .values({ username, ip, at, success: success ? 1 : 0 })
      .execute();
  }

  /** Failed attempts since `since` for a username from one address, and from that address for any username. */
  async failuresSince(username: string, ip: string, since: string): Promise<{ pair: number; ip: number }> {
    const count = async (byUser: boolean) => {
      let q = this.x.db
        .selectFrom('login_attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ip', '=', ip)
        .where('success', '=', 0)
        .where('at', '>=', since);
      if (byUser) q = q.where('username', '=', username);
      const row = await q.executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return { pair: await count(true), ip: await count(false) };
  }

  /** Deletes login attempts older than `before`, so the table does not grow without bound. */
  async pruneAttempts(before: string): Promise<void> {
    await this.x.db.deleteFrom('login_attempts').where('at', '<', before).execute();
  }

  /** Forgets failures of a username from one address after a successful login. */
  async clearFailures(username: string, ip: string): Promise<void> {
    await this.x.db
      .deleteFrom('login_attempts')
      .where('username', '=', username)
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .execute();
  }
}
