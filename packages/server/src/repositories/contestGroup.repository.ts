import type { Insertable, Selectable } from 'kysely';
import type { ContestGroupsTable } from '../db/schema';
import type { Executor } from './executor';

export type ContestGroupRow = Selectable<ContestGroupsTable>;

/** All SQL about contest groups (赛组). */
export class ContestGroupRepository {
  constructor(private readonly x: Executor) {}

  async listWithCounts(): Promise<(ContestGroupRow & { unit_count: number })[]> {
    const rows = await this.x.db
      .selectFrom('contest_groups as g')
      .selectAll('g')
      .select((eb) =>
        eb
          .selectFrom('units as u')
          .whereRef('u.contest_group_id', '=', 'g.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('unit_count'),
      )
      .orderBy('g.sort')
      .orderBy('g.code')
      .execute();
    return rows.map((r) => ({ ...r, unit_count: Number(r.unit_count ?? 0) }));
  }

  async findByCode(code: string): Promise<ContestGroupRow | undefined> {
    return this.x.db.selectFrom('contest_groups').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async insert(row: Insertable<ContestGroupsTable>): Promise<void> {
    await this.x.db.insertInto('contest_groups').values(row).execute();
  }
}
