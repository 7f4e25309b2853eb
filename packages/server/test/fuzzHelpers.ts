import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Database } from '../src/db/createDb';

// ——— Full-database comparison ———

/** Columns a comparison leaves out, by table: only bookkeeping a test names explicitly, never whole tables. */
export type IgnoredColumns = Readonly<Record<string, readonly string[]>>;

/**
 * The bookkeeping any authenticated request may write: the session hook moves `sessions.last_seen_at` forward
 * (at most once a minute) to measure the idle timeout. Every other column of every table is compared.
 */
export const SESSION_BOOKKEEPING: IgnoredColumns = { sessions: ['last_seen_at'] };

/** One table's state: its row count and a hash of all its rows in a stable order. */
export interface TableState {
  rows: number;
  hash: string;
}

/** The state of every table of a database, by table name. */
export type DbSnapshot = ReadonlyMap<string, TableState>;

interface TableShape {
  table: string;
  columns: string[];
  /** The primary key's columns in key order (empty when the table has none). */
  key: string[];
}

const shapes = new WeakMap<Database, TableShape[]>();

/** Every base table of the database, its columns and its primary key, read once from the catalogue. */
async function tablesOf(database: Database): Promise<TableShape[]> {
  const cached = shapes.get(database);
  if (cached) return cached;
  const out: TableShape[] = [];
  if (database.dialect === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
      database.db,
    );
    for (const { name } of tables.rows) {
      const cols = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${name}) order by cid`.execute(database.db);
      const key = cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      out.push({ table: name, columns: cols.rows.map((c) => c.name), key: key.map((c) => c.name) });
    }
  } else {
    const cols = await sql<{ table_name: string; column_name: string; key_position: number | null }>`
      select c.table_name, c.column_name, k.ordinal_position as key_position
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      left join information_schema.table_constraints tc
        on tc.table_schema = c.table_schema and tc.table_name = c.table_name and tc.constraint_type = 'PRIMARY KEY'
      left join information_schema.key_column_usage k
        on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
        and k.table_name = c.table_name and k.column_name = c.column_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(database.db);
    const keys = new Map<string, { column: string; at: number }[]>();
    for (const row of cols.rows) {
      let last = out[out.length - 1];
      if (!last || last.table !== row.table_name) {
        last = { table: row.table_name, columns: [], key: [] };
        out.push(last);
        keys.set(last.table, []);
      }
      last.columns.push(row.column_name);
      if (row.key_position !== null)
        keys.get(last.table)?.push({ column: row.column_name, at: row.key_position });
    }
    for (const shape of out)
      shape.key = (keys.get(shape.table) ?? []).sort((a, b) => a.at - b.at).map((k) => k.column);
  }
  if (out.length === 0) throw new Error('no tables found: is the database migrated?');
  shapes.set(database, out);
  return out;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** A table's compared columns, and all of them ordered primary key first (a stable, content-defined order). */
function compared(shape: TableShape, ignore: IgnoredColumns): { kept: string[]; order: string[] } {
  const skipped = new Set(ignore[shape.table] ?? []);
  const kept = shape.columns.filter((c) => !skipped.has(c));
  const order = [...shape.key.filter((c) => kept.includes(c)), ...kept.filter((c) => !shape.key.includes(c))];
  return { kept, order };
}

function cell(value: unknown): unknown {
  return Buffer.isBuffer(value) ? `base64:${value.toString('base64')}` : value;
}

/** How a snapshot of one database (and one set of ignored columns) is taken, and the last one taken. */
interface Snapshotter {
  /** Reads and hashes the given tables in full: every row, every compared column, in a stable order. */
  full(tables: string[]): Promise<Map<string, TableState>>;
  /** A cheap per-table version that changes whenever a write touches the table (see snapshotDatabase). */
  versions(): Promise<Map<string, string>>;
  last: { versions: Map<string, string>; states: Map<string, TableState> } | null;
}

const snapshotters = new WeakMap<Database, Map<IgnoredColumns, Snapshotter>>();

function sqliteSnapshotter(
  handle: NonNullable<Database['sqlite']>,
  shapes: TableShape[],
  ignore: IgnoredColumns,
): Snapshotter {
  // Rows are read through the raw handle (statements prepared once) and hashed here.
  const reads = new Map(
    shapes.map((shape) => {
      const { kept, order } = compared(shape, ignore);
      const statement = handle
        .prepare(
          `select ${kept.map(quote).join(', ')} from ${quote(shape.table)} order by ${order.map(quote).join(', ')}`,
        )
        .raw(true);
      return [shape.table, () => statement.all() as unknown[][]] as const;
    }),
  );
  // Rows inserted, updated or deleted through this connection, ever, rolled back or not. The app and the test
  // share the one connection, so an unchanged count proves that no row of any table was written.
  const changes = handle.prepare('select total_changes()').pluck();
  return {
    last: null,
    full: async (tables) => {
      const out = new Map<string, TableState>();
      for (const table of tables) {
        const rows = reads.get(table)?.() ?? [];
        const hash = createHash('sha256');
        for (const row of rows) hash.update(`${JSON.stringify(row.map(cell))}\n`);
        out.set(table, { rows: rows.length, hash: hash.digest('base64') });
      }
      return out;
    },
    versions: async () => {
      const version = String(changes.get());
      return new Map(shapes.map((s) => [s.table, version]));
    },
  };
}

function postgresSnapshotter(database: Database, shapes: TableShape[], ignore: IgnoredColumns): Snapshotter {
  // PostgreSQL hashes the tables itself, so only the hashes cross the wire.
  const fullQuery = (tables: string[]) =>
    shapes
      .filter((shape) => tables.includes(shape.table))
      .map((shape) => {
        const { kept, order } = compared(shape, ignore);
        return `select '${shape.table}' as t, count(*)::int as n, md5(coalesce(string_agg(row(${kept
          .map(quote)
          .join(
            ', ',
          )})::text, E'\\n' order by ${order.map(quote).join(', ')}), '')) as h from ${quote(shape.table)}`;
      })
      .join('\nunion all\n');
  // Every visible row's physical address and inserting transaction: a committed insert, update (a new row
  // version) or delete changes this set; a rolled-back one leaves no visible trace, as it leaves no data.
  const versionQuery = shapes
    .map(
      (shape) =>
        `select '${shape.table}' as t, count(*)::text || ':' || coalesce(sum(hashtextextended(ctid::text || ':' || xmin::text, 0)::numeric), 0)::text as v from ${quote(shape.table)}`,
    )
    .join('\nunion all\n');
  return {
    last: null,
    full: async (tables) => {
      const out = new Map<string, TableState>();
      if (tables.length === 0) return out;
      const result = await sql<{ t: string; n: number; h: string }>`${sql.raw(fullQuery(tables))}`.execute(
        database.db,
      );
      for (const row of result.rows) out.set(row.t, { rows: Number(row.n), hash: row.h });
      return out;
    },
    versions: async () => {
      const result = await sql<{ t: string; v: string }>`${sql.raw(versionQuery)}`.execute(database.db);
      return new Map(result.rows.map((r) => [r.t, r.v]));
    },
  };
}

async function snapshotterOf(database: Database, ignore: IgnoredColumns): Promise<Snapshotter> {
  let byIgnore = snapshotters.get(database);
  if (!byIgnore) {
    byIgnore = new Map();
    snapshotters.set(database, byIgnore);
  }
  const existing = byIgnore.get(ignore);
  if (existing) return existing;
  const shapes = await tablesOf(database);
  const made = database.sqlite
    ? sqliteSnapshotter(database.sqlite, shapes, ignore)
    : postgresSnapshotter(database, shapes, ignore);
  byIgnore.set(ignore, made);
  return made;
}

/**
 * A full comparison's view of the database: every table's row count and a hash of all its rows (every column
 * but the ignored ones, ordered by all of them, primary key first). Two snapshots are equal exactly when no row
 * was added, removed or changed outside `ignore`.
 *
 * Reading and hashing the demo district (~18,000 rows, 5 MB of text) costs about 0.1 s of CPU, so a table is
 * read again only when the engine shows it may have been written since the previous snapshot: on SQLite when
 * the connection's total_changes() moved (then every table is read again), on PostgreSQL when the table's set
 * of row versions (ctid, xmin) changed (then that table is). `fresh` reads everything regardless; the tests
 * check that the two agree.
 */
export async function snapshotDatabase(
  database: Database,
  ignore: IgnoredColumns = SESSION_BOOKKEEPING,
  options: { fresh?: boolean } = {},
): Promise<DbSnapshot> {
  const snap = await snapshotterOf(database, ignore);
  const tables = (await tablesOf(database)).map((s) => s.table);
  if (options.fresh) return snap.full(tables);
  const versions = await snap.versions();
  const last = snap.last;
  const stale = tables.filter((t) => !last || last.versions.get(t) !== versions.get(t));
  const states = new Map(last?.states ?? []);
  for (const [table, state] of await snap.full(stale)) states.set(table, state);
  snap.last = { versions, states };
  return new Map(states);
}

/** A table whose rows differ between two snapshots, with its row counts before and after. */
export interface TableChange {
  table: string;
  rowsBefore: number;
  rowsAfter: number;
}

/** The tables that differ between two snapshots (empty when the database is unchanged). */
export function changedTables(before: DbSnapshot, after: DbSnapshot): TableChange[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const out: TableChange[] = [];
  for (const table of [...names].sort()) {
    const a = before.get(table);
    const b = after.get(table);
    if (a?.hash !== b?.hash) out.push({ table, rowsBefore: a?.rows ?? -1, rowsAfter: b?.rows ?? -1 });
  }
  return out;
}

// ——— Routes and their real parameters ———

/** A route as the app registered it (TestEnv.routes). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

/** The methods that may change state. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The path parameters of a route pattern, in order: `:code` gives `code`, a wildcard gives `*`. */
export function pathParams(url: string): string[] {
  return url.split('/').flatMap((seg) => (seg.startsWith(':') ? [seg.slice(1)] : seg === '*' ? ['*'] : []));
}

/** Where a parameter's real values are looked up, most specific first: `root:prev/:param`, `prev/:param`, `:param`. */
function paramKeys(url: string, param: string): string[] {
  const segs = url.split('/').filter(Boolean);
  const at = segs.indexOf(param === '*' ? '*' : `:${param}`);
  const prev = segs[at - 1] ?? '';
  const root = segs[1] ?? '';
  return [`${root}:${prev}/:${param}`, `${prev}/:${param}`, `:${param}`];
}

/**
 * Real demo objects for path parameters, keyed as `paramKeys` looks them up. A parameter found nowhere here
 * gets the ids of a table named like the segment before it (`bulletins/:id` → bulletins.id), else a random
 * string: so a route added later is still fuzzed, only less deeply.
 */
const PARAM_QUERIES: Record<string, string> = {
  'campaigns/:code': 'select code as v from campaigns order by code',
  'contests/:code': 'select code as v from contests order by code',
  'courtyard-campaigns/:code': 'select code as v from courtyard_campaigns order by code',
  'households/:code': "select code as v from units where type = 'household' order by code limit 3",
  'households/:householdCode':
    'select u.code as v from courtyard_applications a join units u on u.id = a.household_id order by a.id limit 4',
  'applications/:householdCode':
    'select u.code as v from courtyard_applications a join units u on u.id = a.household_id order by a.id limit 4',
  'contests:units/:unitCode':
    'select distinct u.code as v from contest_units cu join units u on u.id = cu.unit_id order by u.code limit 4',
  ':unitCode':
    'select u.code as v from campaign_units cu join units u on u.id = cu.unit_id order by u.code limit 4',
  'items/:itemCode': 'select code as v from campaign_items order by code limit 4',
  'sheet-templates/:templateCode': 'select code as v from sheet_templates order by code',
  'scores/:id': 'select id as v from score_entries order by id limit 3',
  'scores/:judgeId': 'select distinct user_id as v from contest_judges order by user_id limit 3',
  'judges/:userId': 'select distinct user_id as v from contest_judges order by user_id limit 3',
  'flags/:id': 'select id as v from flag_awards order by id limit 3',
  'vetoes/:id': 'select id as v from vetoes order by id limit 3',
  'tasks/:id': 'select id as v from tasks order by id desc limit 3',
  'warnings/:id': 'select id as v from warnings order by id limit 3',
  'rounds/:id': 'select id as v from inspection_rounds order by id',
  'problems/:id': 'select id as v from problems order by id limit 4',
  'publications/:id': 'select id as v from publications order by id',
  'objections/:objectionId': 'select id as v from objections order by id',
  'honours/:id': 'select id as v from contest_honours order by id limit 3',
  'units/:id': "select id as v from units where type <> 'district' order by code limit 4",
  // Never the admin's own account: resetting its password would end the session the fuzzing runs in.
  'users/:id': "select id as v from users where username <> 'admin' order by username limit 4",
  'contest-years/:year': 'select distinct year as v from contests order by year',
  'screens/:token': 'select screen_token as v from contests where screen_token is not null',
  'publications/:token': 'select token as v from publications',
  'inspections/:id': 'select id as v from inspections order by id limit 3',
  'documents/:id': 'select id as v from documents order by id limit 3',
  'photos/:id': 'select id as v from photos order by id limit 3',
};

/** Constant real values (no table holds them). */
const PARAM_CONSTANTS: Record<string, string[]> = { 'static/:*': ['index.html', 'swagger-ui.css'] };

/** Real values of request fields by name (bodies, queries, multipart fields). */
const FIELD_QUERIES: Record<string, string> = {
  campaign: 'select code as v from campaigns',
  unitCode:
    "select code as v from units where type in ('village', 'community', 'street', 'household') order by type, code limit 8",
  parentCode:
    "select code as v from units where type in ('street', 'village', 'district') order by code limit 5",
  householdCode: "select code as v from units where type = 'household' order by code limit 4",
  itemCode: 'select code as v from campaign_items order by code limit 6',
  star: 'select distinct code as v from campaign_stars order by code',
  module: 'select distinct code as v from campaign_modules order by code',
  roundId: 'select id as v from inspection_rounds order by id',
  lineId: 'select id as v from sheet_template_lines order by id limit 5',
  templateCode: 'select code as v from sheet_templates order by code',
  contestGroupCode: 'select code as v from contest_groups order by code',
  userId: "select id as v from users where username <> 'admin' order by username limit 4",
  username: 'select username as v from users order by username limit 6',
  month: 'select distinct month as v from campaign_items order by month limit 4',
  period: 'select distinct period as v from warnings order by period',
  problemId: 'select id as v from problems order by id limit 3',
  taskId: 'select id as v from tasks order by id limit 3',
};

/** Field names that take the same values as another (plurals take a list of them). */
const FIELD_ALIASES: Record<string, string> = {
  campaignCode: 'campaign',
  scopeUnitCode: 'unitCode',
  villageCode: 'unitCode',
  streetCode: 'parentCode',
  ownUnitCode: 'unitCode',
  unit: 'unitCode',
  street: 'parentCode',
  round: 'roundId',
  unitCodes: 'unitCode',
  assignedUnitCodes: 'unitCode',
  householdCodes: 'householdCode',
  groupCode: 'contestGroupCode',
  groupCodes: 'contestGroupCode',
};

/** The demo password, and another that satisfies the password rules. */
const PASSWORDS = ['wuxing2023', 'fuzz-password-1'];

/** Real values the fuzzer draws from: for path parameters (by lookup key) and for fields (by name). */
export interface RealValues {
  params: Map<string, string[]>;
  fields: Map<string, string[]>;
}

async function column(database: Database, query: string): Promise<string[]> {
  const result = await sql<{ v: unknown }>`${sql.raw(query)}`.execute(database.db);
  return result.rows.map((r) => String(r.v));
}

/** Reads the real values of the demo database (ids, codes, tokens) the fuzzer fills requests with. */
export async function collectRealValues(database: Database): Promise<RealValues> {
  const params = new Map<string, string[]>(Object.entries(PARAM_CONSTANTS));
  for (const [key, query] of Object.entries(PARAM_QUERIES)) params.set(key, await column(database, query));
  const fields = new Map<string, string[]>();
  for (const [name, query] of Object.entries(FIELD_QUERIES)) fields.set(name, await column(database, query));
  for (const [alias, name] of Object.entries(FIELD_ALIASES)) fields.set(alias, fields.get(name) ?? []);
  for (const name of ['password', 'currentPassword', 'newPassword']) fields.set(name, PASSWORDS);
  return { params, fields };
}

/** The real values for one path parameter of a route, or [] when none is known (a random string is used). */
export async function realParamValues(
  database: Database,
  real: RealValues,
  url: string,
  param: string,
): Promise<string[]> {
  for (const key of paramKeys(url, param)) {
    const found = real.params.get(key);
    if (found && found.length > 0) return found;
  }
  // A route added later: try the table named like the segment before the parameter.
  const prev = paramKeys(url, param)[1]?.split('/')[0] ?? '';
  const table = prev.replaceAll('-', '_');
  const col =
    param === 'id' || param === 'code' ? param : param.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const shape = (await tablesOf(database)).find((t) => t.table === table);
  if (!shape?.columns.includes(col)) return [];
  const values = await column(database, `select ${quote(col)} as v from ${quote(table)} order by 1 limit 3`);
  real.params.set(`${prev}/:${param}`, values);
  return values;
}

// ——— Request shapes from the OpenAPI document ———

/** The subset of JSON Schema the app's OpenAPI document (generated from the zod contracts) uses. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  format?: string;
}

/** One operation of the OpenAPI document: its JSON body schema and its parameters. */
export interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
}

/** The app's OpenAPI document (GET /api/docs/json), as far as the fuzzer reads it. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** The OpenAPI operation of a registered route (`:code` is `{code}` there), or null when it is not documented. */
export function operationOf(doc: OpenApiDocument, route: RegisteredRoute): OpenApiOperation | null {
  const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return doc.paths[path]?.[route.method.toLowerCase()] ?? null;
}

/** The JSON body schema of an operation, if it takes one. */
export function bodySchema(op: OpenApiOperation | null): JsonSchema | null {
  return op?.requestBody?.content?.['application/json']?.schema ?? null;
}

/** The query parameters an operation declares. */
export function queryParams(
  op: OpenApiOperation | null,
): { name: string; required: boolean; schema: JsonSchema }[] {
  return (op?.parameters ?? [])
    .filter((p) => p.in === 'query')
    .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
}

// ——— Arbitraries ———

/** Percent-encodes a string's UTF-8 bytes (lone surrogates too, which encodeURIComponent refuses). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8'))
    out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** Strings that break naive code: NUL, lone surrogates, SQL and formula injection, paths, huge and odd numbers. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u3000',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\u202e\u0635',
    "' or 1=1 --",
    '"; drop table units; --',
    '../../../etc/passwd',
    '%00',
    '%E0%A4%A',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x","点我")',
    '𠀀𠀁𪚥',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '9007199254740993',
    '0x1F',
    'true',
    'null',
    '__proto__',
    'constructor',
    '2023-02-30',
    '2023-13-01',
    '9999-12-31T23:59:59.999Z',
    '0000-00-00',
  ),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.integer({ min: 65, max: 6000 }).map((n) => '长'.repeat(n)),
);

/** Any JSON value, nasty strings included. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 3 },
  { arbitrary: nastyString, weight: 2 },
  {
    arbitrary: fc.constantFrom(
      0,
      -1,
      1.5,
      -0.000001,
      1e308,
      -1e308,
      2 ** 53 + 1,
      Number.MAX_SAFE_INTEGER,
      true,
      false,
      null,
      [],
      {},
    ),
    weight: 1,
  },
);

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const exMin = schema.exclusiveMinimum === true;
  const exMax = schema.exclusiveMaximum === true;
  const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.minimum;
  const max = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.maximum;
  if (schema.type === 'integer') {
    const lo = Math.max(min ?? -1000, -1_000_000) + (exMin ? 1 : 0);
    const hi = Math.min(max ?? 1000, 1_000_000) - (exMax ? 1 : 0);
    return lo <= hi ? fc.integer({ min: lo, max: hi }) : fc.constant(lo);
  }
  const lo = Math.max(min ?? -1000, -1e6);
  const hi = Math.min(max ?? 1000, 1e6);
  return fc
    .oneof(
      fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }),
    )
    .filter((n) => (!exMin || n > lo) && (!exMax || n < hi));
}

/** Dates and months the demo's rules accept (2023, the demo year, to 2031), formatted as a pattern wants. */
function datelike(re: RegExp): fc.Arbitrary<string> | null {
  const day = fc.date({ min: new Date('2023-01-01'), max: new Date('2031-12-31'), noInvalidDate: true });
  if (re.test('x')) return null;
  if (re.test('2023-06-15')) return day.map((d) => d.toISOString().slice(0, 10));
  if (re.test('2023-06')) return day.map((d) => d.toISOString().slice(0, 7));
  return null;
}

function stringArbitrary(schema: JsonSchema, name: string | null, real: RealValues): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String));
  const options: fc.WeightedArbitrary<string>[] = [];
  const known = name ? real.fields.get(name) : undefined;
  if (known && known.length > 0) options.push({ arbitrary: fc.constantFrom(...known), weight: 8 });
  if (name === 'idempotencyKey')
    options.push({ arbitrary: fc.oneof(fc.uuid(), fc.constant('fuzz-replayed-key-0001')), weight: 8 });
  if (schema.format === 'date-time')
    options.push({
      arbitrary: fc
        .date({ min: new Date('2023-01-01'), max: new Date('2031-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      weight: 4,
    });
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  let re: RegExp | null = null;
  try {
    re = schema.pattern ? new RegExp(schema.pattern) : null;
  } catch {
    re = null;
  }
  if (re) {
    const pattern = re;
    options.push({
      arbitrary:
        datelike(pattern) ??
        fc
          .stringMatching(pattern)
          .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? 200)),
      weight: 3,
    });
  } else {
    // Free text: where a stored character (NUL, say) reaches the database.
    options.push({
      arbitrary: fc.string({
        unit: fc.constantFrom('a', 'Z', '9', '-', '村', '星', ' ', '。'),
        minLength: Math.max(minLength, 1),
        maxLength: Math.max(maxLength, 1),
      }),
      weight: 3,
    });
  }
  return fc.oneof(...options);
}

/** A value that mostly fits the schema, filled with real values for fields the demo knows. */
export function schemaArbitrary(
  schema: JsonSchema,
  real: RealValues,
  name: string | null = null,
): fc.Arbitrary<unknown> {
  let base: fc.Arbitrary<unknown>;
  if (schema.enum && schema.type !== 'string') base = fc.constantFrom(...schema.enum);
  else
    switch (schema.type) {
      case 'object': {
        const props = schema.properties ?? {};
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, sub] of Object.entries(props)) record[key] = schemaArbitrary(sub, real, key);
        base = fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
        break;
      }
      case 'array':
        base = fc.array(schemaArbitrary(schema.items ?? {}, real, name), {
          minLength: Math.min(schema.minItems ?? 0, 4),
          maxLength: Math.max(Math.min(schema.maxItems ?? 4, 4), Math.min(schema.minItems ?? 0, 4)),
        });
        break;
      case 'string':
        base = stringArbitrary(schema, name, real);
        break;
      case 'integer':
      case 'number':
        base = numberArbitrary(schema);
        break;
      case 'boolean':
        base = fc.boolean();
        break;
      default:
        base = anyJson;
    }
  return schema.nullable
    ? fc.oneof({ arbitrary: base, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 })
    : base;
}

/** Text that breaks storage rather than validation: NUL, lone surrogates, control and direction characters. */
const hostileText: fc.Arbitrary<string> = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u0001\u001f\u007f',
  '\u202e\u0635',
  '\ufeff',
  '\uffff',
);

type Path = (string | number)[];

/** The paths of every leaf (scalar or empty container) of a JSON value; [] for a scalar itself. */
function leafPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value) && value.length > 0)
    for (const [i, v] of value.entries()) leafPaths(v, [...path, i], out);
  else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0)
    for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out);
  else out.push(path);
  return out;
}

function valueAt(value: unknown, path: Path): unknown {
  let at = value;
  for (const step of path) at = (at as Record<string | number, unknown> | null)?.[step];
  return at;
}

/** A copy of `value` with the leaf at `path` replaced. */
function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return replacement;
  if (Array.isArray(value)) return value.map((v, i) => (i === step ? setAt(v, rest, replacement) : v));
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [step]: setAt(record[String(step)], rest, replacement) };
}

/**
 * A valid-looking value broken in one place, anywhere in it: a text given a NUL or another hostile character
 * (so it still passes validation and reaches the database), a leaf replaced by a nasty string or a value of
 * the wrong kind, a key dropped or added, or the whole replaced.
 */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  const leaves = leafPaths(value);
  const leaf = fc.constantFrom(...leaves);
  const texts = leaves.filter((p) => typeof valueAt(value, p) === 'string');
  const textLeaf = texts.length > 0 ? fc.constantFrom(...texts) : leaf;
  const whole = fc.oneof(anyJson, fc.constant([value]), fc.constant({ data: value }));
  const options: fc.WeightedArbitrary<unknown>[] = [
    {
      weight: 4,
      arbitrary: fc.tuple(textLeaf, hostileText, fc.boolean()).map(([path, bad, append]) => {
        const old = valueAt(value, path);
        const text = typeof old === 'string' ? old : '';
        return setAt(value, path, append ? `${text}${bad}` : `${bad}${text}`);
      }),
    },
    { weight: 3, arbitrary: fc.tuple(leaf, nastyString).map(([path, bad]) => setAt(value, path, bad)) },
    { weight: 2, arbitrary: fc.tuple(leaf, anyJson).map(([path, bad]) => setAt(value, path, bad)) },
    { weight: 1, arbitrary: whole },
  ];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > 0)
      options.push({
        weight: 2,
        arbitrary: fc.constantFrom(...keys).map((k) => {
          const { [k]: _dropped, ...rest } = record;
          return rest;
        }),
      });
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(nastyString, hostileText), anyJson)
        .map(([k, v]) => ({ ...record, [k]: v })),
    });
  }
  return fc.oneof(...options);
}

/** JSON-ish text that a JSON parser must refuse, or that abuses it (prototype keys, deep nesting). */
const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    '{"a":1}}',
    '{"idempotencyKey":"x",}',
    "{'a':1}",
    'NaN',
    '\u0000',
    '{"__proto__":{"polluted":true},"idempotencyKey":"fuzz-proto-0001"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '"just a string"',
    '12345',
    'null',
    `${'['.repeat(20000)}${']'.repeat(20000)}`,
    `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
  ),
  fc.string({ maxLength: 60 }),
);

/** A request's body as the fuzzer sends it. */
export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; contentType: string }
  | {
      kind: 'multipart';
      parts: MultipartPart[];
      boundary: string;
      broken: 'no' | 'unterminated' | 'wrong-boundary';
    };

/** One part of a multipart body: a text field or a file. */
export interface MultipartPart {
  name: string;
  filename: string | null;
  content: Buffer;
}

/** Encodes multipart parts (optionally broken: unterminated, or with a boundary the header does not name). */
export function encodeMultipart(body: Extract<FuzzBody, { kind: 'multipart' }>): {
  payload: Buffer;
  contentType: string;
} {
  const chunks: Buffer[] = [];
  for (const p of body.parts) {
    const disposition =
      p.filename === null
        ? `form-data; name="${p.name}"`
        : `form-data; name="${p.name}"; filename="${percentEncode(p.filename)}"`;
    chunks.push(
      Buffer.from(
        `--${body.boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename === null ? '' : 'Content-Type: application/octet-stream\r\n'}\r\n`,
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  if (body.broken !== 'unterminated') chunks.push(Buffer.from(`--${body.boundary}--\r\n`));
  const named = body.broken === 'wrong-boundary' ? `${body.boundary}x` : body.boundary;
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${named}` };
}

/** Real files to break: workbooks the app itself produced (templates, exports) and a tiny image. */
export interface FileSamples {
  workbooks: Buffer[];
  image: Buffer;
}

function fileContent(samples: FileSamples, real: RealValues): fc.Arbitrary<Buffer> {
  const units = real.fields.get('unitCode') ?? [];
  const parents = real.fields.get('parentCode') ?? [];
  const cell = fc.oneof(
    fc.constantFrom(...units, ...parents, '村', '社区', 'village', '1', ''),
    nastyString.map((s) => s.slice(0, 80)),
  );
  const csv = fc
    .tuple(
      fc.constantFrom('编码,名称,类型,上级编码', '户编码,户主,地址,所属村', 'code,name,type,parentCode', ''),
      fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }),
    )
    .map(([head, rows]) =>
      Buffer.from(
        [
          head,
          ...rows.map((r) =>
            r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','),
          ),
        ].join('\r\n'),
      ),
    );
  const workbook = fc.constantFrom(...samples.workbooks, samples.image);
  return fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), weight: 3 },
    {
      // A real workbook cut short.
      arbitrary: fc
        .tuple(workbook, fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([b, f]) => b.subarray(0, Math.floor(b.length * f))),
      weight: 4,
    },
    {
      // A real workbook with a few bytes overwritten.
      arbitrary: fc
        .tuple(
          workbook,
          fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 8,
          }),
        )
        .map(([b, flips]) => {
          const copy = Buffer.from(b);
          for (const [at, byte] of flips)
            copy[Math.min(copy.length - 1, Math.floor(at * copy.length))] = byte;
          return copy;
        }),
      weight: 3,
    },
    { arbitrary: csv, weight: 3 },
    { arbitrary: workbook, weight: 1 },
  );
}

/** A multipart body: text fields (mostly real) before zero to three files, sometimes broken as a whole. */
export function multipartArbitrary(samples: FileSamples, real: RealValues): fc.Arbitrary<FuzzBody> {
  const fieldValue = (name: string) =>
    fc.oneof(stringArbitrary({ type: 'string' }, name, real), nastyString, fc.double().map(String));
  const field = fc
    .constantFrom('idempotencyKey', 'unitCode', 'takenAt', 'latitude', 'longitude', 'module', 'file')
    .chain((name) =>
      fieldValue(name).map((v): MultipartPart => ({ name, filename: null, content: Buffer.from(v) })),
    );
  const file = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          'units.xlsx',
          '单位.csv',
          'campaign.json',
          'photo.png',
          'a.exe',
          '../../x.xlsx',
          '',
          'x'.repeat(300),
        ),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
      ),
      fileContent(samples, real),
      fc.constantFrom('file', 'file', 'file', 'upload'),
    )
    .map(([filename, content, name]): MultipartPart => ({ name, filename, content }));
  return fc
    .tuple(
      fc.array(field, { maxLength: 4 }),
      fc.array(file, { maxLength: 3 }),
      fc.constantFrom<'no' | 'unterminated' | 'wrong-boundary'>(
        'no',
        'no',
        'no',
        'no',
        'unterminated',
        'wrong-boundary',
      ),
      fc.stringMatching(/^[A-Za-z0-9]{8,30}$/),
    )
    .map(
      ([fields, files, broken, boundary]): FuzzBody => ({
        kind: 'multipart',
        parts: [...fields, ...files],
        boundary: `----fuzz${boundary}`,
        broken,
      }),
    );
}

/** A body for a write route: mostly schema-shaped JSON (valid or broken in one place), else anything at all. */
export function bodyArbitrary(
  schema: JsonSchema | null,
  real: RealValues,
  samples: FileSamples,
): fc.Arbitrary<FuzzBody> {
  const shaped = schemaArbitrary(schema ?? { type: 'object', properties: {} }, real);
  return fc.oneof(
    { arbitrary: shaped.map((value): FuzzBody => ({ kind: 'json', value })), weight: schema ? 4 : 1 },
    {
      arbitrary: shaped.chain(mutated).map((value): FuzzBody => ({ kind: 'json', value })),
      weight: schema ? 4 : 1,
    },
    { arbitrary: anyJson.map((value): FuzzBody => ({ kind: 'json', value })), weight: 1 },
    {
      arbitrary: malformedJsonText.map(
        (text): FuzzBody => ({ kind: 'text', text, contentType: 'application/json' }),
      ),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(
          fc.string({ maxLength: 40 }),
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'multipart/form-data',
            'application/json; charset=utf-16',
            'application/octet-stream',
            '',
          ),
        )
        .map(([text, contentType]): FuzzBody => ({ kind: 'text', text, contentType })),
      weight: 1,
    },
    { arbitrary: multipartArbitrary(samples, real), weight: schema ? 1 : 4 },
    { arbitrary: fc.constant<FuzzBody>({ kind: 'none' }), weight: 1 },
  );
}

/** A query string: the operation's declared parameters (mostly real values) and random ones, some malformed. */
export function queryArbitrary(op: OpenApiOperation | null, real: RealValues): fc.Arbitrary<string> {
  const declared = queryParams(op);
  const pair = fc.oneof(
    ...(declared.length > 0
      ? [
          fc
            .constantFrom(...declared)
            .chain((p) =>
              fc
                .oneof(schemaArbitrary(p.schema, real, p.name).map(String), nastyString)
                .map((v) => `${percentEncode(p.name)}=${percentEncode(v.slice(0, 200))}`),
            ),
        ]
      : []),
    fc
      .tuple(fc.string({ maxLength: 8 }), nastyString)
      .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v.slice(0, 200))}`),
    fc.constantFrom(
      'a=%',
      'a=%zz',
      '%E0%A4%A=1',
      'a[b]=1',
      'a=1&a=2',
      '__proto__[x]=1',
      '=',
      '&&',
      'format=xlsx&format=csv',
    ),
  );
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 3 },
    { arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((ps) => `?${ps.join('&')}`), weight: 1 },
  );
}

/** A path segment in place of a real parameter: random, odd or malformed. */
export const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map(percentEncode),
  nastyString.filter((s) => s.length > 0).map((s) => percentEncode(s.slice(0, 300))),
  fc.constantFrom('%', '%zz', '..', '%2e%2e', '0', '-1', '00000000-0000-0000-0000-000000000000'),
);

// ——— Requests ———

/** One generated request against a route. */
export interface FuzzRequest {
  method: string;
  url: string;
  body: FuzzBody;
  /** Whether the session's CSRF token is sent (a wrong one is refused before any input is read). */
  csrf: 'own' | 'wrong';
  remoteAddress: string;
}

function jsonText(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/** A short description of a request, for failure messages and fast-check's counterexamples. */
export function describeRequest(req: FuzzRequest): string {
  const b = req.body;
  const body =
    b.kind === 'none'
      ? 'no body'
      : b.kind === 'json'
        ? `json ${(jsonText(b.value) ?? 'undefined').slice(0, 300)}`
        : b.kind === 'text'
          ? `${b.contentType || 'no content-type'} ${JSON.stringify(b.text.slice(0, 120))} (${b.text.length} chars)`
          : `multipart${b.broken === 'no' ? '' : ` (${b.broken})`} [${b.parts
              .map((p) =>
                p.filename === null
                  ? `${p.name}=${JSON.stringify(p.content.toString('utf8').slice(0, 40))}`
                  : `${p.name}:${JSON.stringify(p.filename.slice(0, 40))} ${p.content.length} bytes`,
              )
              .join(', ')}]`;
  return `${req.method} ${req.url.slice(0, 300)} ${req.csrf === 'wrong' ? '(wrong CSRF token) ' : ''}${body}`;
}

/** The inject options of a generated request, carrying the session cookie and (unless told otherwise) its CSRF token. */
export function injectOptions(
  req: FuzzRequest,
  session: { cookie: string; csrfToken: string },
): {
  method: string;
  url: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
  remoteAddress: string;
} {
  const headers: Record<string, string> = {
    cookie: session.cookie,
    'x-csrf-token': req.csrf === 'own' ? session.csrfToken : 'not-the-token',
  };
  const b = req.body;
  let payload: string | Buffer | undefined;
  if (b.kind === 'json') {
    payload = jsonText(b.value);
    if (payload !== undefined) headers['content-type'] = 'application/json';
  } else if (b.kind === 'text') {
    payload = b.text;
    if (b.contentType) headers['content-type'] = b.contentType;
  } else if (b.kind === 'multipart') {
    const encoded = encodeMultipart(b);
    payload = encoded.payload;
    headers['content-type'] = encoded.contentType;
  }
  return {
    method: req.method,
    url: req.url,
    ...(payload === undefined ? {} : { payload }),
    headers,
    remoteAddress: req.remoteAddress,
  };
}

/** Fills a route pattern's parameters with the given segments (already URL-encoded). */
export function fillPath(url: string, segments: Record<string, string>): string {
  return url
    .split('/')
    .map((seg) =>
      seg.startsWith(':') ? (segments[seg.slice(1)] ?? seg) : seg === '*' ? (segments['*'] ?? seg) : seg,
    )
    .join('/');
}

/**
 * Random requests against one write route: its path parameters mostly real demo objects (sometimes odd
 * segments), a query string, a body (see `bodyArbitrary`), mostly with the session's CSRF token.
 */
export function requestArbitrary(
  route: RegisteredRoute,
  op: OpenApiOperation | null,
  paramValues: Record<string, string[]>,
  real: RealValues,
  samples: FileSamples,
): fc.Arbitrary<FuzzRequest> {
  const params = pathParams(route.url);
  const segment = (name: string) => {
    const values = (paramValues[name] ?? []).map(percentEncode);
    return values.length > 0
      ? fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 8 }, { arbitrary: oddSegment, weight: 1 })
      : fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/), oddSegment);
  };
  const segments = fc
    .tuple(...params.map(segment))
    .map((values) => Object.fromEntries(params.map((p, i) => [p, values[i] ?? ''])));
  return fc
    .record({
      segments,
      query: queryArbitrary(op, real),
      body: bodyArbitrary(bodySchema(op), real, samples),
      csrf: fc.constantFrom<'own' | 'wrong'>(...Array<'own'>(19).fill('own'), 'wrong'),
      remoteAddress: fc
        .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }))
        .map(([a, b]) => `10.77.${a}.${b}`),
    })
    .map(({ segments: s, query, body, csrf, remoteAddress }) => {
      const req: FuzzRequest = {
        method: route.method,
        url: `${fillPath(route.url, s)}${query}`,
        body,
        csrf,
        remoteAddress,
      };
      Object.defineProperty(req, fc.toStringMethod, { value: () => describeRequest(req), enumerable: false });
      return req;
    });
}
