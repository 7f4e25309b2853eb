import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SheetTemplateLinesTable, SheetTemplatesTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored scoring-sheet template. */
export type SheetTemplateRow = Selectable<SheetTemplatesTable>;
/** A stored line of a template. */
export type SheetLineRow = Selectable<SheetTemplateLinesTable>;

/** A template with how many rounds use it and whether a sheet was submitted on it (its lines are frozen). */
export interface SheetTemplateListRow extends SheetTemplateRow {
  campaign_code: string;
  round_count: number;
  frozen: boolean;
}

/** All SQL about scoring-sheet templates (评分表) and their lines. */
export class SheetTemplateRepository {
  constructor(private readonly x: Executor) {}

  private listQuery() {
    return this.x.db
      .selectFrom('sheet_templates as t')
      .innerJoin('campaigns as c', 'c.id', 't.campaign_id')
      .selectAll('t')
      .select((eb) => [
        'c.code as campaign_code',
        eb
          .selectFrom('inspection_rounds as r')
          .whereRef('r.template_id', '=', 't.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('round_count'),
        eb
          .selectFrom('inspections as i')
          .innerJoin('inspection_rounds as r2', 'r2.id', 'i.round_id')
          .whereRef('r2.template_id', '=', 't.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('sheet_count'),
      ]);
  }

  private static normalise<
    T extends { round_count: number | string | null; sheet_count: number | string | null },
  >(r: T): Omit<T, 'sheet_count'> & { round_count: number; frozen: boolean } {
    const { sheet_count, ...rest } = r;
    return { ...rest, round_count: Number(r.round_count ?? 0), frozen: Number(sheet_count ?? 0) > 0 };
  }

  async list(campaignId: string): Promise<SheetTemplateListRow[]> {
    const rows = await this.listQuery().where('t.campaign_id', '=', campaignId).orderBy('t.code').execute();
    return rows.map((r) => SheetTemplateRepository.normalise(r));
  }

  async findByCode(campaignId: string, code: string): Promise<SheetTemplateListRow | undefined> {
    const r = await this.listQuery()
      .where('t.campaign_id', '=', campaignId)
      .where('t.code', '=', code)
      .executeTakeFirst();
    return r ? SheetTemplateRepository.normalise(r) : undefined;
  }

  async findById(id: string): Promise<SheetTemplateListRow | undefined> {
    const r = await this.listQuery().where('t.id', '=', id).executeTakeFirst();
    return r ? SheetTemplateRepository.normalise(r) : undefined;
  }

  /** The lines of some templates, in sheet order. */
  async lines(templateIds: string[]): Promise<SheetLineRow[]> {
    if (templateIds.length === 0) return [];
    return this.x.db
      .selectFrom('sheet_template_lines')
      .selectAll()
      .where('template_id', 'in', templateIds)
      .orderBy('template_id')
      .orderBy('sort')
      .execute();
  }

  async insert(row: Insertable<SheetTemplatesTable>): Promise<void> {
    await this.x.db.insertInto('sheet_templates').values(row).execute();
  }

  async update(id: string, patch: Updateable<SheetTemplatesTable>): Promise<void> {
    await this.x.db.updateTable('sheet_templates').set(patch).where('id', '=', id).execute();
  }

  /** Replaces a template's lines (only while no sheet was submitted on it). */
  async replaceLines(templateId: string, rows: Insertable<SheetTemplateLinesTable>[]): Promise<void> {
    await this.x.db.deleteFrom('sheet_template_lines').where('template_id', '=', templateId).execute();
    await this.insertLines(rows);
  }

  async insertLines(rows: Insertable<SheetTemplateLinesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('sheet_template_lines')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  /** The months scored rounds using this template fill (to keep the template covering their stars). */
  async scoredMonths(templateId: string): Promise<string[]> {
    const rows = await this.x.db
      .selectFrom('inspection_rounds')
      .select('month')
      .where('template_id', '=', templateId)
      .where('scored', '=', 1)
      .execute();
    return rows.map((r) => r.month);
  }
}
