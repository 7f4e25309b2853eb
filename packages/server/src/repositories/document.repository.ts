import type { Insertable, Selectable } from 'kysely';
import type { DocumentsTable } from '../db/schema';
import type { Executor } from './executor';

/** A stored evidence document's metadata (the file lives under DATA_DIR/documents/). */
export type DocumentRow = Selectable<DocumentsTable>;

/** A document with its unit's code and path, for authorisation. */
export interface DocumentWithUnitRow extends DocumentRow {
  unit_code: string;
  unit_path: string;
  unit_type: string;
}

const normalise = <T extends DocumentRow>(r: T): T => ({ ...r, bytes: Number(r.bytes) });

/** All SQL about evidence documents. */
export class DocumentRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<DocumentsTable>): Promise<void> {
    await this.x.db.insertInto('documents').values(row).execute();
  }

  async findById(id: string): Promise<DocumentWithUnitRow | undefined> {
    const r = await this.x.db
      .selectFrom('documents as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .selectAll('d')
      .select(['u.code as unit_code', 'u.path as unit_path', 'u.type as unit_type'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    return r ? normalise(r) : undefined;
  }

  async findByIdempotencyKey(key: string): Promise<DocumentRow | undefined> {
    const r = await this.x.db
      .selectFrom('documents')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return r ? normalise(r) : undefined;
  }

  /** The documents with these client keys (missing keys are simply absent). */
  async findByKeys(keys: string[]): Promise<DocumentRow[]> {
    if (keys.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('documents')
      .selectAll()
      .where('idempotency_key', 'in', keys)
      .execute();
    return rows.map(normalise);
  }
}
