import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect';

/** Frozen once landed. The 擂台赛 contests: contests, participants, jury, judge links, scores, honours, cadre votes. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('contests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('jury_points', 'double precision', (c) => c.notNull())
    .addColumn('honour_points', 'double precision', (c) => c.notNull())
    .addColumn('cadre_points', 'double precision', (c) => c.notNull())
    .addColumn('trim_from', 'integer', (c) => c.notNull())
    .addColumn('speech_seconds', 'integer', (c) => c.notNull())
    .addColumn('honour_table', 'text', (c) => c.notNull())
    .addColumn('screen_token', 'text', (c) => c.notNull().unique())
    .addColumn('lot_seed', 'text')
    .addColumn('lots_drawn_at', 'text')
    .addColumn('lots_drawn_by_name', 'text')
    .addColumn('current_unit_id', 'text')
    .addColumn('timer_status', 'text', (c) => c.notNull())
    .addColumn('timer_started_at', 'text')
    .addColumn('timer_remaining_ms', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('announced_at', 'text')
    .addColumn('results_json', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  /** A participating unit: its group (and the group's place in the running order), lot, state and figures. */
  await db.schema
    .createTable('contest_units')
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('contest_groups.id'))
    .addColumn('group_order', 'integer', (c) => c.notNull())
    .addColumn('lot_order', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('jury_score', 'double precision')
    .addColumn('honour_score', 'double precision')
    .addColumn('cadre_score', 'double precision')
    .addColumn('total', 'double precision')
    .addColumn('called_at', 'text')
    .addColumn('closed_at', 'text')
    .addPrimaryKeyConstraint('contest_units_pk', ['contest_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('contest_judges')
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('own_unit_id', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contest_judges_pk', ['contest_id', 'user_id'])
    .execute();
  await db.schema.createIndex('contest_judges_user_idx').on('contest_judges').column('user_id').execute();

  /** One-time login links: the sha256 of the token, 24 h, single use. */
  await db.schema
    .createTable('judge_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('judge_links_user_idx').on('judge_links').column('user_id').execute();

  /** Judges' scores; an unlocked score stays with its reason and the judge submits again. */
  await db.schema
    .createTable('contest_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('judge_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('unlocked_at', 'text')
    .addColumn('unlocked_by_name', 'text')
    .addColumn('unlock_reason', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contest_scores_unit_idx')
    .on('contest_scores')
    .columns(['contest_id', 'unit_id', 'status'])
    .execute();
  // The backstop of "one score per judge and unit": at most one active row (unlocked rows stay as history).
  await db.schema
    .createIndex('contest_scores_one_active_idx')
    .on('contest_scores')
    .columns(['contest_id', 'unit_id', 'judge_id'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('active'))
    .execute();

  await db.schema
    .createTable('contest_honours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contest_honours_contest_idx')
    .on('contest_honours')
    .columns(['contest_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('contest_cadre_votes')
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contests.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('good', 'integer', (c) => c.notNull())
    .addColumn('fairly_good', 'integer', (c) => c.notNull())
    .addColumn('average', 'integer', (c) => c.notNull())
    .addColumn('poor', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contest_cadre_votes_pk', ['contest_id', 'unit_id'])
    .execute();
}
