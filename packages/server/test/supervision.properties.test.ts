import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/createDb';
import { type Client, describeEachDialect } from './harness';
import { roundId, type SheetJson, sheet } from './supervisionHelpers';

/**
 * Random and malformed bodies against the supervision write endpoints (sheets, problems, the rectification
 * loop): never a 5xx, and a refused request changes nothing in any table it could touch.
 */

type Table =
  | 'inspections'
  | 'inspection_lines'
  | 'inspection_photos'
  | 'score_entries'
  | 'problems'
  | 'problem_events'
  | 'problem_photos'
  | 'audit_log';
const TABLES: Table[] = [
  'inspections',
  'inspection_lines',
  'inspection_photos',
  'score_entries',
  'problems',
  'problem_events',
  'problem_photos',
  'audit_log',
];

async function counts(database: Database): Promise<Record<Table, number>> {
  const out = {} as Record<Table, number>;
  for (const t of TABLES) {
    const row = await database.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

const anything = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
);
/** Mostly a good value, sometimes anything: so requests get past validation often enough to write. */
function mostly<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown> = anything): fc.Arbitrary<T | unknown> {
  return fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });
}
const key = mostly(
  fc.oneof(fc.uuid(), fc.constantFrom('prop-sheet-key-0001', 'prop-sheet-key-0002')),
  fc.oneof(fc.string({ maxLength: 110 }), anything),
);
const photoKeys = mostly(
  fc.constant(undefined),
  fc.oneof(fc.array(fc.string({ maxLength: 20 }), { maxLength: 11 }), anything),
);

describeEachDialect('supervision endpoints under random input', (env) => {
  let inspector: Client;
  let village: Client;
  let round: string;
  let lineIds: string[];
  let lines: { id: string; max: number }[];
  let problemIds: string[];

  beforeAll(async () => {
    const admin = await env().login('admin');
    inspector = await env().login('inspector');
    village = await env().login('village');
    round = await roundId(admin, 'GM-2023-12');
    const s: SheetJson = await sheet(inspector, round, 'LX-LX');
    lines = s.stars.flatMap((st) => st.lines.map((l) => ({ id: l.id, max: l.max })));
    lineIds = lines.map((l) => l.id);
    // One problem of the village user's own unit, so rectifications can succeed, plus demo ones elsewhere.
    const own = await admin.post('/api/problems', {
      idempotencyKey: 'prop-own-problem-1',
      campaign: 'WX2023',
      unitCode: 'RML-HZ',
      star: 'ZB',
      source: 'supervision',
      description: '三会一课记录不全',
      deadline: '2030-01-01',
    });
    expect(own.statusCode, own.body).toBe(200);
    const list = await admin.get('/api/problems?campaign=WX2023&unit=LX-LX&pageSize=5');
    expect(list.statusCode).toBe(200);
    problemIds = [own.json().problem.id, ...(list.json().rows as { id: string }[]).map((r) => r.id)];
  });

  /** Sends one request and checks: below 500, and nothing written unless it succeeded as a new write. */
  async function probe(send: () => Promise<{ statusCode: number; json(): unknown }>): Promise<void> {
    const before = await counts(env().database);
    const res = await send();
    expect(res.statusCode).toBeLessThan(500);
    const after = await counts(env().database);
    const replayed = res.statusCode === 200 && (res.json() as { replayed?: boolean }).replayed === true;
    if (res.statusCode !== 200 || replayed) expect(after).toEqual(before);
  }

  it('never answers a random sheet submission with a 5xx, and a refused one writes nothing', async () => {
    const line = fc.record(
      {
        lineId: mostly(fc.constantFrom(...lineIds)),
        points: mostly(fc.integer({ min: -1, max: 26 }), fc.oneof(fc.double(), anything)),
        note: fc.oneof(fc.string({ maxLength: 600 }), anything),
        photoKeys,
      },
      { requiredKeys: [] },
    );
    const body = fc.record(
      {
        idempotencyKey: key,
        roundId: mostly(fc.constant(round)),
        unitCode: mostly(fc.constantFrom('LX-LX', 'LX-LX', 'LX-LX', 'LX-DY', 'RML-HZ', 'NOPE')),
        baseVersion: mostly(fc.integer({ min: 0, max: 2 }), fc.oneof(fc.integer(), anything)),
        reason: mostly(
          fc.oneof(fc.constant(undefined), fc.constant('现场复核后更正')),
          fc.oneof(fc.string({ maxLength: 600 }), anything),
        ),
        visitedAt: mostly(
          fc.constantFrom('2023-12-20T02:00:00.000Z', '2023-12-21T08:30:00+08:00'),
          fc.constantFrom('2099-01-01T00:00:00Z', 'yesterday'),
        ),
        location: mostly(
          fc.oneof(
            fc.constant(null),
            fc.record({
              latitude: fc.double({ min: -90, max: 90, noNaN: true }),
              longitude: fc.double({ min: -180, max: 180, noNaN: true }),
            }),
          ),
          fc.oneof(
            fc.record({ latitude: fc.double(), longitude: fc.double(), accuracy: anything }),
            anything,
          ),
        ),
        lines: fc.oneof(
          // A whole sheet, each line scored somewhere in (or just outside) its range.
          {
            arbitrary: fc
              .tuple(
                ...lines.map((l) =>
                  mostly(fc.integer({ min: 0, max: l.max }), fc.integer({ min: -1, max: l.max + 1 })),
                ),
              )
              .map((pts) => lines.map((l, i) => ({ lineId: l.id, points: pts[i] }))),
            weight: 4,
          },
          { arbitrary: fc.array(line, { maxLength: 25 }), weight: 1 },
          { arbitrary: anything, weight: 1 },
        ),
      },
      { requiredKeys: ['idempotencyKey', 'roundId', 'unitCode', 'baseVersion', 'visitedAt', 'lines'] },
    );
    await fc.assert(
      fc.asyncProperty(body, (b) => probe(() => inspector.post('/api/inspections', b))),
      { numRuns: 100 },
    );
  });

  it('never answers a random problem, rectification or look-back with a 5xx, and a refused one writes nothing', async () => {
    const raise = fc.record(
      {
        idempotencyKey: key,
        campaign: mostly(fc.constantFrom('WX2023', 'WX2023', 'NOPE')),
        unitCode: mostly(fc.constantFrom('LX-LX', 'LX-DY', 'RML-HZ', '')),
        star: mostly(fc.constantFrom('ZB', 'CY', 'XX')),
        roundId: mostly(fc.oneof(fc.constant(undefined), fc.constant(round))),
        lineId: mostly(fc.oneof(fc.constant(undefined), fc.constantFrom(...lineIds))),
        source: mostly(
          fc.constantFrom('supervision', 'observation', 'objection', 'covert'),
          fc.oneof(fc.constant('bogus'), anything),
        ),
        description: mostly(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 2100 })),
        severity: mostly(fc.constantFrom('minor', 'major', 'severe', 'huge')),
        deadline: mostly(
          fc.constantFrom('2023-12-31', '2030-01-01'),
          fc.constantFrom('2023-02-30', '31/12/2023'),
        ),
        responsible: mostly(fc.string({ maxLength: 20 }), fc.oneof(fc.string({ maxLength: 120 }), anything)),
        photoKeys,
      },
      { requiredKeys: ['idempotencyKey', 'campaign', 'unitCode', 'star', 'description', 'deadline'] },
    );
    const step = fc.record(
      {
        idempotencyKey: key,
        note: mostly(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ maxLength: 2100 })),
        passed: mostly(fc.boolean()),
        photoKeys,
      },
      { requiredKeys: ['idempotencyKey', 'note', 'passed'] },
    );
    const action = fc.oneof(
      raise.map((b) => () => inspector.post('/api/problems', b)),
      fc.tuple(fc.constantFrom(...problemIds, 'no-such-problem'), step).map(
        ([id, b]) =>
          () =>
            village.post(`/api/problems/${id}/rectify`, b),
      ),
      fc.tuple(fc.constantFrom(...problemIds), step, fc.constantFrom('start-review', 'review')).map(
        ([id, b, what]) =>
          () =>
            inspector.post(`/api/problems/${id}/${what}`, b),
      ),
    );
    await fc.assert(
      fc.asyncProperty(action, (send) => probe(send)),
      { numRuns: 80 },
    );
  });
});
