import type { Executor } from './executor';

/** A supervision round as the dashboards count it: when it was held and whose it is (a street's, or the district's). */
export interface DashboardRoundRow {
  id: string;
  starts_on: string;
  /** The street of a special round (专项督查); null for the district's rounds. */
  street_path: string | null;
}

/** The SQL only the dashboards need (most figures come from the other repositories and the scoring core). */
export class DashboardRepository {
  constructor(private readonly x: Executor) {}

  /** The newest audit record's sequence: it changes with every write, so it versions the big screen's data. */
  async dataVersion(): Promise<string> {
    const row = await this.x.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return String(row?.seq ?? 0);
  }

  /** A campaign's rounds with the day each starts and the path of the street a special round belongs to. */
  async rounds(campaignId: string): Promise<DashboardRoundRow[]> {
    return this.x.db
      .selectFrom('inspection_rounds as r')
      .leftJoin('units as s', 's.id', 'r.scope_unit_id')
      .select(['r.id', 'r.starts_on', 's.path as street_path'])
      .where('r.campaign_id', '=', campaignId)
      .orderBy('r.starts_on')
      .orderBy('r.id')
      .execute();
  }

  /** Households (五美庭院) under a path prefix, or in the whole tree when `path` is null. */
  async householdCount(path: string | null): Promise<number> {
    let q = this.x.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'household');
    if (path !== null) q = q.where('path', 'like', `${path}%`);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * A 五美庭院 campaign's applications under a path prefix (or all), counted by the household's level now — the
   * applications the statistics count (households under a village under a street).
   */
  async courtyardLevels(campaignId: string, path: string | null): Promise<{ level: string; n: number }[]> {
    let q = this.x.db
      .selectFrom('courtyard_applications as a')
      .innerJoin('units as h', 'h.id', 'a.household_id')
      .innerJoin('units as v', 'v.id', 'h.parent_id')
      .innerJoin('units as s', 's.id', 'v.parent_id')
      .select(['a.level', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.campaign_id', '=', campaignId);
    if (path !== null) q = q.where('h.path', 'like', `${path}%`);
    const rows = await q.groupBy('a.level').execute();
    return rows.map((r) => ({ level: r.level, n: Number(r.n) }));
  }
}
