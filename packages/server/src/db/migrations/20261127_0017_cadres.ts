import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. Cadres linked to the villages they answer for (SPEC scenario 1, "results are linked to
 * people"): street cadres (街道干部) and village-stationed cadres (驻村干部), each attached to villages or
 * communities of one street, so their annual assessment can take those villages' results. A cadre who leaves
 * is kept, marked inactive.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('cadres')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('street_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('cadres_street').on('cadres').columns(['street_id', 'active']).execute();
  await db.schema
    .createTable('cadre_units')
    .addColumn('cadre_id', 'text', (c) => c.notNull().references('cadres.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cadre_units_pk', ['cadre_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('cadre_units_unit').on('cadre_units').column('unit_id').execute();
}
