import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  WarningEvaluationsTable,
  WarningMeasuresTable,
  WarningRulesTable,
  WarningsTable,
  WarningTalksTable,
} from '../db/schema';
import type { UnitScope } from '../policies/policy';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored warning (预警). */
export type WarningRow = Selectable<WarningsTable>;
export type WarningRulesRow = Selectable<WarningRulesTable>;
export type WarningEvaluationRow = Selectable<WarningEvaluationsTable>;
export type WarningTalkRow = Selectable<WarningTalksTable>;
export type WarningMeasureRow = Selectable<WarningMeasuresTable>;

/** A warning with its campaign, unit and the unit's (current) street. */
export interface WarningListRow extends WarningRow {
  campaign_code: string;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  unit_type: string;
  street_code: string | null;
  street_name: string | null;
}

/**
 * An active warning inside a scope, across campaigns, with whether and when its talk was first recorded — what
 * an inbox needs (a warning on the unit / in the street, a talk due). Talk status: core's talkStatus(
 * talk_due_on, first_talk_on, today).
 */
export interface ActiveWarningRow extends WarningListRow {
  /** China date of the first talk record, null while none. */
  first_talk_on: string | null;
}

export interface WarningFilter {
  id?: string;
  period?: string;
  level?: string;
  status?: string;
  unitCode?: string;
  streetCode?: string;
}

/** All SQL about warnings, their evaluations, rules, talks and help measures. */
export class WarningRepository {
  constructor(private readonly x: Executor) {}

  private listQuery(scope: UnitScope) {
    let q = this.x.db
      .selectFrom('warnings as w')
      .innerJoin('campaigns as c', 'c.id', 'w.campaign_id')
      .innerJoin('units as u', 'u.id', 'w.unit_id')
      .leftJoin('units as s', 's.id', 'u.parent_id')
      .selectAll('w')
      .select([
        'c.code as campaign_code',
        'u.code as unit_code',
        'u.name as unit_name',
        'u.path as unit_path',
        'u.type as unit_type',
        's.code as street_code',
        's.name as street_name',
      ]);
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((path) => eb('u.path', 'like', `${path}%`))));
    }
    return q;
  }

  // ——— rules ———

  async rules(campaignId: string): Promise<WarningRulesRow | undefined> {
    return this.x.db
      .selectFrom('warning_rules')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
  }

  async saveRules(row: Insertable<WarningRulesTable>): Promise<void> {
    const { campaign_id: _campaign, ...rest } = row;
    await this.x.db
      .insertInto('warning_rules')
      .values(row)
      .onConflict((oc) => oc.column('campaign_id').doUpdateSet(rest))
      .execute();
  }

  // ——— evaluations ———

  async insertEvaluation(row: Insertable<WarningEvaluationsTable>): Promise<void> {
    await this.x.db.insertInto('warning_evaluations').values(row).execute();
  }

  async findEvaluationByKey(key: string): Promise<WarningEvaluationRow | undefined> {
    return this.x.db
      .selectFrom('warning_evaluations')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  async findEvaluation(id: string): Promise<WarningEvaluationRow | undefined> {
    return this.x.db.selectFrom('warning_evaluations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The next sequence number of a quarter's evaluations. */
  async nextSequence(campaignId: string, period: string): Promise<number> {
    const row = await this.x.db
      .selectFrom('warning_evaluations')
      .select((eb) => eb.fn.max('sequence').as('max'))
      .where('campaign_id', '=', campaignId)
      .where('period', '=', period)
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  }

  /** A campaign's evaluations, newest first. */
  async evaluations(campaignId: string): Promise<WarningEvaluationRow[]> {
    return this.x.db
      .selectFrom('warning_evaluations')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('evaluated_at', 'desc')
      .orderBy('period', 'desc')
      .orderBy('sequence', 'desc')
      .execute();
  }

  // ——— warnings ———

  async insert(row: Insertable<WarningsTable>): Promise<void> {
    await this.x.db.insertInto('warnings').values(row).execute();
  }

  async update(id: string, patch: Updateable<WarningsTable>): Promise<void> {
    await this.x.db.updateTable('warnings').set(patch).where('id', '=', id).execute();
  }

  /** Lifts an active warning; false when it was already lifted. */
  async lift(
    id: string,
    patch: { lifted_evaluation_id: string; lifted_at: string; lifted_on: string; lift_reason: string },
  ): Promise<boolean> {
    const res = await this.x.db
      .updateTable('warnings')
      .set({ ...patch, status: 'lifted' })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** A campaign's active warnings (every quarter), with the unit's code. */
  async active(campaignId: string): Promise<WarningListRow[]> {
    return this.listQuery({ kind: 'all' })
      .where('w.campaign_id', '=', campaignId)
      .where('w.status', '=', 'active')
      .orderBy('w.period')
      .orderBy('u.code')
      .execute();
  }

  /** A campaign's warnings inside `scope`, newest quarter first, then by rank. */
  async list(campaignId: string, scope: UnitScope, filter: WarningFilter = {}): Promise<WarningListRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.listQuery(scope).where('w.campaign_id', '=', campaignId);
    if (filter.id) q = q.where('w.id', '=', filter.id);
    if (filter.period) q = q.where('w.period', '=', filter.period);
    if (filter.level) q = q.where('w.level', '=', filter.level);
    if (filter.status) q = q.where('w.status', '=', filter.status);
    if (filter.unitCode) q = q.where('u.code', '=', filter.unitCode);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    return q
      .orderBy('w.period', 'desc')
      .orderBy('w.rank')
      .orderBy('u.code')
      .orderBy('w.raised_at', 'desc')
      .execute();
  }

  async findById(id: string): Promise<WarningListRow | undefined> {
    return this.listQuery({ kind: 'all' }).where('w.id', '=', id).executeTakeFirst();
  }

  /**
   * Active warnings inside `scope` across all campaigns, with the first talk's day: for an inbox (warnings on a
   * village's unit or in a street, talks due). Oldest talk due first.
   */
  async activeForScope(scope: UnitScope): Promise<ActiveWarningRow[]> {
    if (scope.kind === 'none') return [];
    const rows = await this.listQuery(scope)
      .where('w.status', '=', 'active')
      .orderBy('w.talk_due_on')
      .orderBy('u.code')
      .execute();
    const first = await this.firstTalkOn(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, first_talk_on: first.get(r.id) ?? null }));
  }

  /** The China date of each warning's first talk record. */
  async firstTalkOn(warningIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < warningIds.length; i += BATCH_ROWS) {
      const rows = await this.x.db
        .selectFrom('warning_talks')
        .select(['warning_id', (eb) => eb.fn.min('recorded_on').as('first')])
        .where('warning_id', 'in', warningIds.slice(i, i + BATCH_ROWS))
        .groupBy('warning_id')
        .execute();
      for (const r of rows) if (r.first !== null) out.set(r.warning_id, String(r.first));
    }
    return out;
  }

  // ——— talks and help measures ———

  async insertTalk(row: Insertable<WarningTalksTable>): Promise<void> {
    await this.x.db.insertInto('warning_talks').values(row).execute();
  }

  async findTalkByKey(key: string): Promise<WarningTalkRow | undefined> {
    return this.x.db
      .selectFrom('warning_talks')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  async talks(warningIds: string[]): Promise<WarningTalkRow[]> {
    const out: WarningTalkRow[] = [];
    for (let i = 0; i < warningIds.length; i += BATCH_ROWS)
      out.push(
        ...(await this.x.db
          .selectFrom('warning_talks')
          .selectAll()
          .where('warning_id', 'in', warningIds.slice(i, i + BATCH_ROWS))
          .orderBy('recorded_at')
          .orderBy('id')
          .execute()),
      );
    return out;
  }

  async insertMeasure(row: Insertable<WarningMeasuresTable>): Promise<void> {
    await this.x.db.insertInto('warning_measures').values(row).execute();
  }

  async findMeasureByKey(key: string): Promise<WarningMeasureRow | undefined> {
    return this.x.db
      .selectFrom('warning_measures')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  async measures(warningIds: string[]): Promise<WarningMeasureRow[]> {
    const out: WarningMeasureRow[] = [];
    for (let i = 0; i < warningIds.length; i += BATCH_ROWS)
      out.push(
        ...(await this.x.db
          .selectFrom('warning_measures')
          .selectAll()
          .where('warning_id', 'in', warningIds.slice(i, i + BATCH_ROWS))
          .orderBy('recorded_at')
          .orderBy('id')
          .execute()),
      );
    return out;
  }

  /** Marks a campaign's warnings, evaluations, talks and measures as demo data. */
  async markDemo(campaignId: string): Promise<void> {
    await this.x.db
      .updateTable('warning_evaluations')
      .set({ demo: 1 })
      .where('campaign_id', '=', campaignId)
      .execute();
    await this.x.db.updateTable('warnings').set({ demo: 1 }).where('campaign_id', '=', campaignId).execute();
    const ids = this.x.db.selectFrom('warnings').select('id').where('campaign_id', '=', campaignId);
    await this.x.db.updateTable('warning_talks').set({ demo: 1 }).where('warning_id', 'in', ids).execute();
    await this.x.db.updateTable('warning_measures').set({ demo: 1 }).where('warning_id', 'in', ids).execute();
  }
}
