import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type {
  ObjectionPhotosTable,
  ObjectionsTable,
  PhotosTable,
  PublicationsTable,
  PublicationVersionsTable,
} from '../db/schema';
import type { UnitScope } from '../policies/policy';
import type { Executor } from './executor';

/** A publication (公示) without its snapshot. */
export type PublicationRow = Selectable<PublicationsTable>;
/** A publication with its campaign's code, name and year, as lists show it. */
export interface PublicationListRow extends PublicationRow {
  campaign_code: string;
  campaign_name: string;
  campaign_year: number;
  pending_objections: number;
}
/** A frozen version of a publication. */
export type PublicationVersionRow = Selectable<PublicationVersionsTable>;
/** A version without its snapshot, for version lists. */
export type PublicationVersionHead = Omit<PublicationVersionRow, 'snapshot_json'>;
/** An objection with the unit it is about. */
export interface ObjectionRow extends Selectable<ObjectionsTable> {
  unit_code: string;
  unit_name: string;
  unit_path: string;
}
/** A photo attached to an objection. */
export interface ObjectionPhotoRow extends Selectable<PhotosTable> {
  objection_id: string;
  sort: number;
}

function normalisePublication<T extends PublicationRow>(r: T): T {
  return {
    ...r,
    window_days: Number(r.window_days),
    current_version: Number(r.current_version),
    demo: Number(r.demo),
  };
}

function normaliseObjection(r: ObjectionRow): ObjectionRow {
  return {
    ...r,
    version: Number(r.version),
    resolved_version: r.resolved_version === null ? null : Number(r.resolved_version),
    demo: Number(r.demo),
  };
}

/**
 * All SQL about 公示 publications, their frozen versions and the objections against them. Versions are only
 * ever inserted: there is no statement here that updates or deletes one.
 */
export class PublicationRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<PublicationsTable>): Promise<void> {
    await this.x.db.insertInto('publications').values(row).execute();
  }

  /** Moves the publication's current version forward (after inserting that version). */
  async setCurrentVersion(id: string, version: number): Promise<void> {
    const patch: Updateable<PublicationsTable> = { current_version: version };
    await this.x.db.updateTable('publications').set(patch).where('id', '=', id).execute();
  }

  async markDemo(id: string): Promise<void> {
    await this.x.db.updateTable('publications').set({ demo: 1 }).where('id', '=', id).execute();
    await this.x.db.updateTable('objections').set({ demo: 1 }).where('publication_id', '=', id).execute();
  }

  private listQuery() {
    return this.x.db
      .selectFrom('publications as p')
      .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
      .selectAll('p')
      .select((eb) => [
        'c.code as campaign_code',
        'c.name as campaign_name',
        'c.year as campaign_year',
        eb
          .selectFrom('objections as o')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('o.publication_id', '=', 'p.id')
          .where('o.status', '=', 'pending')
          .as('pending_objections'),
      ]);
  }

  private static normaliseList(r: PublicationListRow): PublicationListRow {
    return {
      ...normalisePublication(r),
      campaign_year: Number(r.campaign_year),
      pending_objections: Number(r.pending_objections ?? 0),
    };
  }

  /** Publications, newest first; only public ones when `publicOnly`. */
  async list(filter: { campaignCode?: string }): Promise<PublicationListRow[]> {
    let q = this.listQuery();
    if (filter.campaignCode) q = q.where('c.code', '=', filter.campaignCode);
    const rows = await q.orderBy('p.published_at', 'desc').orderBy('p.number', 'desc').execute();
    return rows.map((r) => PublicationRepository.normaliseList(r as PublicationListRow));
  }

  async findById(id: string): Promise<PublicationListRow | undefined> {
    const row = await this.listQuery().where('p.id', '=', id).executeTakeFirst();
    return row ? PublicationRepository.normaliseList(row as PublicationListRow) : undefined;
  }

  async findByToken(token: string): Promise<PublicationListRow | undefined> {
    const row = await this.listQuery().where('p.token', '=', token).executeTakeFirst();
    return row ? PublicationRepository.normaliseList(row as PublicationListRow) : undefined;
  }

  async findByIdempotencyKey(key: string): Promise<PublicationRow | undefined> {
    const row = await this.x.db
      .selectFrom('publications')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? normalisePublication(row) : undefined;
  }

  async findByPeriod(campaignId: string, period: string): Promise<PublicationRow | undefined> {
    const row = await this.x.db
      .selectFrom('publications')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('period', '=', period)
      .executeTakeFirst();
    return row ? normalisePublication(row) : undefined;
  }

  /** The highest number with this prefix (`GS-2023-`), by length then text, or null. */
  async lastNumber(prefix: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('publications')
      .select('number')
      .where('number', 'like', `${prefix}%`)
      .orderBy(sql`length(number)`, 'desc')
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.number ?? null;
  }

  // ——— versions ———

  async insertVersion(row: Insertable<PublicationVersionsTable>): Promise<void> {
    await this.x.db.insertInto('publication_versions').values(row).execute();
  }

  /** Version `version` of a publication, with its snapshot. */
  async version(publicationId: string, version: number): Promise<PublicationVersionRow | undefined> {
    const row = await this.x.db
      .selectFrom('publication_versions')
      .selectAll()
      .where('publication_id', '=', publicationId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? { ...row, version: Number(row.version) } : undefined;
  }

  async versionByIdempotencyKey(key: string): Promise<PublicationVersionRow | undefined> {
    const row = await this.x.db
      .selectFrom('publication_versions')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? { ...row, version: Number(row.version) } : undefined;
  }

  /** Every version of a publication without snapshots, oldest first. */
  async versions(publicationId: string): Promise<PublicationVersionHead[]> {
    const rows = await this.x.db
      .selectFrom('publication_versions')
      .select([
        'id',
        'publication_id',
        'version',
        'reason',
        'objection_id',
        'created_by',
        'created_by_name',
        'created_at',
        'idempotency_key',
      ])
      .where('publication_id', '=', publicationId)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({ ...r, version: Number(r.version) }));
  }

  // ——— objections ———

  async insertObjection(row: Insertable<ObjectionsTable>): Promise<void> {
    await this.x.db.insertInto('objections').values(row).execute();
  }

  async insertObjectionPhotos(rows: Insertable<ObjectionPhotosTable>[]): Promise<void> {
    if (rows.length > 0) await this.x.db.insertInto('objection_photos').values(rows).execute();
  }

  /** Records the decision on a pending objection; false when it was no longer pending. */
  async decideObjection(
    id: string,
    patch: Pick<
      Updateable<ObjectionsTable>,
      'status' | 'decided_by' | 'decided_by_name' | 'decided_at' | 'decision_reason' | 'resolved_version'
    >,
  ): Promise<boolean> {
    const res = await this.x.db
      .updateTable('objections')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private objectionQuery() {
    return this.x.db
      .selectFrom('objections as o')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .selectAll('o')
      .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']);
  }

  /** A publication's objections about units inside `scope`, oldest first. */
  async objections(publicationId: string, scope: UnitScope): Promise<ObjectionRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.objectionQuery().where('o.publication_id', '=', publicationId);
    if (scope.kind === 'paths')
      q = q.where((eb) => eb.or(scope.paths.map((p) => eb('u.path', 'like', `${p}%`))));
    const rows = await q.orderBy('o.filed_at').orderBy('o.id').execute();
    return rows.map(normaliseObjection);
  }

  async findObjection(id: string): Promise<ObjectionRow | undefined> {
    const row = await this.objectionQuery().where('o.id', '=', id).executeTakeFirst();
    return row ? normaliseObjection(row) : undefined;
  }

  async findObjectionByIdempotencyKey(key: string): Promise<ObjectionRow | undefined> {
    const row = await this.objectionQuery().where('o.idempotency_key', '=', key).executeTakeFirst();
    return row ? normaliseObjection(row) : undefined;
  }

  async objectionPhotos(objectionIds: string[]): Promise<ObjectionPhotoRow[]> {
    if (objectionIds.length === 0) return [];
    return this.x.db
      .selectFrom('objection_photos as op')
      .innerJoin('photos as ph', 'ph.id', 'op.photo_id')
      .selectAll('ph')
      .select(['op.objection_id', 'op.sort'])
      .where('op.objection_id', 'in', objectionIds)
      .orderBy('op.sort')
      .execute();
  }
}
