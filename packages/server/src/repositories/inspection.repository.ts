import type { Insertable, Selectable } from 'kysely';
import type {
  InspectionLinesTable,
  InspectionPhotosTable,
  InspectionsTable,
  PhotosTable,
} from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored sheet (one version of one inspector's sheet for a unit in a round). */
export type InspectionRow = Selectable<InspectionsTable>;

/** A sheet with its unit's code and path. */
export interface InspectionWithUnitRow extends InspectionRow {
  unit_code: string;
  unit_path: string;
  unit_type: string;
}

/** A submitted line with the template line's star and maximum. */
export interface InspectionLineRow {
  inspection_id: string;
  line_id: string;
  points: number;
  note: string | null;
  star: string;
  max: number;
  sort: number;
}

/** A photo attached to a line of a sheet. */
export interface InspectionPhotoRow extends Selectable<PhotosTable> {
  inspection_id: string;
  line_id: string | null;
  sort: number;
}

/** The fields of a sheet a round's coverage needs. */
export interface InspectionHeadRow {
  id: string;
  round_id: string;
  unit_id: string;
  inspector_id: string;
  inspector_name: string;
  version: number;
  submitted_at: string;
}

/** All SQL about inspectors' submitted sheets, their lines and photos. */
export class InspectionRepository {
  constructor(private readonly x: Executor) {}

  private withUnit() {
    return this.x.db
      .selectFrom('inspections as i')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .selectAll('i')
      .select(['u.code as unit_code', 'u.path as unit_path', 'u.type as unit_type']);
  }

  async insert(row: Insertable<InspectionsTable>): Promise<void> {
    await this.x.db.insertInto('inspections').values(row).execute();
  }

  async insertLines(rows: Insertable<InspectionLinesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('inspection_lines')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async insertPhotoLinks(rows: Insertable<InspectionPhotosTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('inspection_photos')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async findById(id: string): Promise<InspectionWithUnitRow | undefined> {
    return this.withUnit().where('i.id', '=', id).executeTakeFirst();
  }

  async findByIdempotencyKey(key: string): Promise<InspectionWithUnitRow | undefined> {
    return this.withUnit().where('i.idempotency_key', '=', key).executeTakeFirst();
  }

  /** The latest version of one inspector's sheet for a unit in a round. */
  async latest(
    roundId: string,
    unitId: string,
    inspectorId: string,
  ): Promise<InspectionWithUnitRow | undefined> {
    return this.withUnit()
      .where('i.round_id', '=', roundId)
      .where('i.unit_id', '=', unitId)
      .where('i.inspector_id', '=', inspectorId)
      .orderBy('i.version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Every version of every sheet for a unit in a round, by inspector and version. */
  async forUnit(roundId: string, unitId: string): Promise<InspectionWithUnitRow[]> {
    return this.withUnit()
      .where('i.round_id', '=', roundId)
      .where('i.unit_id', '=', unitId)
      .orderBy('i.inspector_name')
      .orderBy('i.inspector_id')
      .orderBy('i.version')
      .execute();
  }

  /** Every sheet of some rounds, reduced to what coverage needs. */
  async heads(roundIds: string[]): Promise<InspectionHeadRow[]> {
    if (roundIds.length === 0) return [];
    return this.x.db
      .selectFrom('inspections')
      .select(['id', 'round_id', 'unit_id', 'inspector_id', 'inspector_name', 'version', 'submitted_at'])
      .where('round_id', 'in', roundIds)
      .orderBy('version')
      .execute();
  }

  /** The lines of some sheets with their template lines' stars, in sheet order. */
  async lines(inspectionIds: string[]): Promise<InspectionLineRow[]> {
    if (inspectionIds.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('inspection_lines as il')
      .innerJoin('sheet_template_lines as tl', 'tl.id', 'il.line_id')
      .select(['il.inspection_id', 'il.line_id', 'il.points', 'il.note', 'tl.star', 'tl.max', 'tl.sort'])
      .where('il.inspection_id', 'in', inspectionIds)
      .orderBy('tl.sort')
      .execute();
    return rows.map((r) => ({ ...r, points: Number(r.points), max: Number(r.max) }));
  }

  /** The photos of some sheets, in attachment order. */
  async photos(inspectionIds: string[]): Promise<InspectionPhotoRow[]> {
    if (inspectionIds.length === 0) return [];
    return this.x.db
      .selectFrom('inspection_photos as ip')
      .innerJoin('photos as ph', 'ph.id', 'ip.photo_id')
      .selectAll('ph')
      .select(['ip.inspection_id', 'ip.line_id', 'ip.sort'])
      .where('ip.inspection_id', 'in', inspectionIds)
      .orderBy('ip.sort')
      .execute();
  }
}
