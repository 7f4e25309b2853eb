import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ActivitiesTable } from '../db/schema';
import type { UnitScope } from '../policies/policy';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** An activity with its unit's code, name, type and path joined in. */
export interface ActivityRow extends Selectable<ActivitiesTable> {
  unit_code: string;
  unit_name: string;
  unit_type: string;
  unit_path: string;
}

/** All SQL about outreach activities (宣传活动). */
export class ActivityRepository {
  constructor(private readonly x: Executor) {}

  private query() {
    return this.x.db
      .selectFrom('activities as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .selectAll('a')
      .select(['u.code as unit_code', 'u.name as unit_name', 'u.type as unit_type', 'u.path as unit_path']);
  }

  /**
   * Activities not deleted, held from `from` to `to` (YYYY-MM-DD, both included) by units inside the scope,
   * newest first.
   */
  async list(scope: UnitScope, from: string, to: string): Promise<ActivityRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.query()
      .where('a.deleted_at', 'is', null)
      .where('a.held_on', '>=', from)
      .where('a.held_on', '<=', to);
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))));
    }
    return q.orderBy('a.held_on', 'desc').orderBy('a.created_at', 'desc').orderBy('a.id').execute();
  }

  /** One activity, deleted or not. */
  async findById(id: string): Promise<ActivityRow | undefined> {
    return this.query().where('a.id', '=', id).executeTakeFirst();
  }

  async insert(row: Insertable<ActivitiesTable>): Promise<void> {
    await this.x.db.insertInto('activities').values(row).execute();
  }

  async update(id: string, patch: Updateable<ActivitiesTable>): Promise<void> {
    await this.x.db.updateTable('activities').set(patch).where('id', '=', id).execute();
  }

  /** Marks the given activities as demo data. */
  async markDemo(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH_ROWS)
      await this.x.db
        .updateTable('activities')
        .set({ demo: 1 })
        .where('id', 'in', ids.slice(i, i + BATCH_ROWS))
        .execute();
  }
}
