import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BonusInput,
  type CampaignModel,
  deductionModuleOf,
  type ItemDef,
  type ModuleDef,
  type ProblemInput,
  type ScoreInput,
  type UnitInput,
  validateModel,
} from './model';
import { monthEnd, monthKey } from './periods';
import { rankRows } from './ranking';
import { computeUnitResults, computeUnitResultsForMonths, itemScore, type UnitResult } from './scoring';

const YEAR = 2023;
const STARS = ['ZB', 'CY', 'ST'];
const MONTHS = Array.from({ length: 12 }, (_, i) => monthKey(YEAR, i + 1));

interface Case {
  model: CampaignModel;
  units: UnitInput[];
  scores: ScoreInput[];
  bonuses: BonusInput[];
  problems: ProblemInput[];
}

const monthArb = fc.integer({ min: 0, max: 11 }).map((i) => MONTHS[i] as string);
const dayArb = fc
  .record({ month: fc.integer({ min: 0, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ month, day }) =>
    month === 12 ? `${YEAR + 1}-01-0${Math.min(day, 9)}` : `${MONTHS[month]}-${String(day).padStart(2, '0')}`,
  );
const pointArb = fc.oneof(
  fc.integer({ min: -20, max: 120 }),
  fc.double({ min: -20, max: 120, noNaN: true, noDefaultInfinity: true }),
);

/** A valid campaign model with 1–3 stars, 4 modules (the last one plan or bonus) and random items. */
const modelArb = fc
  .record({
    starCount: fc.integer({ min: 1, max: 3 }),
    cuts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
    lastIsBonus: fc.boolean(),
    items: fc.array(
      fc.record({
        star: fc.nat(),
        module: fc.nat(),
        month: monthArb,
        max: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.5, max: 100, noNaN: true })),
      }),
      { maxLength: 30 },
    ),
    trim: fc.boolean(),
    problemDeduction: fc.constantFrom(0, 0.5, 1.3, 7),
    deductionModule: fc.nat({ max: 3 }),
  })
  .map((r): CampaignModel => {
    const cuts = [...r.cuts].sort((a, b) => a - b);
    const bounds = [0, ...cuts, 100];
    const modules: ModuleDef[] = ['M0', 'M1', 'M2', 'M3'].map((code, i) => ({
      code,
      name: code,
      budget: (bounds[i + 1] ?? 0) - (bounds[i] ?? 0),
      kind: i === 3 && r.lastIsBonus ? 'bonus' : 'plan',
    }));
    const plan = modules.filter((m) => m.kind === 'plan');
    const stars = STARS.slice(0, r.starCount);
    const items: ItemDef[] = r.items.map((it, i) => ({
      code: `I${i}`,
      name: `I${i}`,
      star: stars[it.star % stars.length] as string,
      module: (plan[it.module % plan.length] as ModuleDef).code,
      month: it.month,
      max: it.max,
    }));
    return {
      year: YEAR,
      stars: stars.map((code) => ({ code, name: code })),
      modules,
      items,
      starLine: 80,
      prerequisite: stars[0] ?? null,
      trim: r.trim,
      problemDeduction: r.problemDeduction,
      deductionModule: `M${r.deductionModule}`,
    };
  });

const caseArb: fc.Arbitrary<Case> = modelArb.chain((model) =>
  fc
    .record({
      units: fc.array(
        fc.record({
          targets: fc.subarray([...STARS, 'XX']),
          weight: fc.constantFrom(1, 2, 0.5),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      scores: fc.array(
        fc.record({
          unit: fc.nat(),
          item: fc.nat(),
          points: fc.array(pointArb, { maxLength: 6 }),
          na: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
          trim: fc.option(fc.boolean(), { nil: undefined }),
        }),
        { maxLength: 40 },
      ),
      bonuses: fc.array(
        fc.record({
          unit: fc.nat(),
          star: fc.nat(),
          month: fc.oneof(monthArb, fc.constantFrom('2022-12', '2024-01')),
          points: fc.double({ min: -5, max: 15, noNaN: true }),
        }),
        { maxLength: 6 },
      ),
      problems: fc.array(
        fc.record({
          unit: fc.nat(),
          star: fc.nat(),
          deadline: dayArb,
          closedOn: fc.option(dayArb, { nil: null }),
        }),
        { maxLength: 4 },
      ),
    })
    .map((r): Case => {
      const units = r.units.map((u, i) => ({
        code: `U${i}`,
        name: `U${i}`,
        targets: u.targets,
        weight: u.weight,
      }));
      const unitCode = (n: number) => `U${n % (units.length + 1)}`; // sometimes an unknown unit
      const itemCodes = [...model.items.map((i) => i.code), 'UNKNOWN'];
      const bonusModule = model.modules.find((m) => m.kind === 'bonus')?.code ?? 'M3';
      return {
        model,
        units,
        scores: r.scores.map((s) => ({
          unit: unitCode(s.unit),
          item: itemCodes[s.item % itemCodes.length] as string,
          points: s.points,
          na: s.na,
          ...(s.trim === undefined ? {} : { trim: s.trim }),
        })),
        bonuses: r.bonuses.map((b) => ({
          unit: unitCode(b.unit),
          star: STARS[b.star % STARS.length] as string,
          module: bonusModule,
          month: b.month,
          points: b.points,
        })),
        problems: r.problems.map((p, i) => ({
          id: `P${i}`,
          title: `问题${i}`,
          unit: unitCode(p.unit),
          star: STARS[p.star % STARS.length] as string,
          deadline: p.deadline,
          closedOn: p.closedOn,
        })),
      };
    }),
);

const tArb = fc.constantFrom('2022-12', ...MONTHS, '2024-01');

function run(c: Case, t: string): UnitResult[] {
  return computeUnitResults(c.model, c.units, c.scores, c.bonuses, c.problems, t);
}

/** SCORING.md transcribed literally, with no indexing: the slow reference the fast path must agree with. */
function reference(c: Case, t: string) {
  const { model } = c;
  return c.units.map((u) => {
    const targets = model.stars.map((s) => s.code).filter((s) => u.targets.includes(s));
    const stars = targets.map((s) => {
      const modules: Record<string, number> = {};
      let due = 0;
      for (const m of model.modules) {
        if (m.kind === 'bonus') {
          const sum = c.bonuses
            .filter(
              (b) =>
                b.unit === u.code &&
                b.star === s &&
                b.module === m.code &&
                b.month <= t &&
                b.month.startsWith('2023'),
            )
            .reduce((a, b) => a + b.points, 0);
          modules[m.code] = Math.max(0, Math.min(m.budget, sum));
          continue;
        }
        const rowsOf = (i: ItemDef) => c.scores.filter((r) => r.unit === u.code && r.item === i.code);
        const items = model.items.filter(
          (i) => i.star === s && i.module === m.code && !rowsOf(i).some((r) => r.na),
        );
        const e = (i: ItemDef) => {
          const rows = rowsOf(i);
          const trim = rows.reduce((acc, r) => r.trim ?? acc, model.trim);
          return itemScore(
            rows.flatMap((r) => r.points),
            i.max,
            trim,
          );
        };
        const x = items.reduce((a, i) => a + i.max, 0);
        const soFar = items.filter((i) => i.month <= t);
        modules[m.code] = x > 0 ? (m.budget * soFar.reduce((a, i) => a + e(i), 0)) / x : 0;
        due += x > 0 ? (m.budget * soFar.reduce((a, i) => a + i.max, 0)) / x : 0;
      }
      const dm = deductionModuleOf(model);
      let lines = 0;
      for (const month of MONTHS) {
        if (month > t) continue;
        const day = monthEnd(month);
        lines += c.problems.filter(
          (p) =>
            p.unit === u.code &&
            p.star === s &&
            p.deadline < day &&
            (p.closedOn === null || p.closedOn > day),
        ).length;
      }
      if (dm in modules) modules[dm] = Math.max(0, (modules[dm] ?? 0) - lines * model.problemDeduction);
      const score = Object.values(modules).reduce((a, b) => a + b, 0);
      const planPoints = model.modules
        .filter((m) => m.kind === 'plan')
        .reduce((a, m) => a + (modules[m.code] ?? 0), 0);
      return { star: s, modules, score, due, rate: due > 0 ? (100 * planPoints) / due : null };
    });
    const rates = stars.map((s) => s.rate).filter((r): r is number => r !== null);
    return {
      unit: u.code,
      stars,
      score: stars.length ? stars.reduce((a, s) => a + s.score, 0) / stars.length : 0,
      rate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
    };
  });
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('scoring properties', () => {
  it('generates valid models', () => {
    fc.assert(fc.property(modelArb, (m) => validateModel(m).length === 0));
  });

  it('agrees with a literal transcription of the formulas', () => {
    fc.assert(
      fc.property(caseArb, tArb, (c, t) => {
        const fast = run(c, t);
        const slow = reference(c, t);
        expect(fast.map((r) => r.unit)).toEqual(slow.map((r) => r.unit));
        fast.forEach((r, i) => {
          const s = slow[i];
          if (!s) throw new Error('missing');
          expect(close(r.score, s.score)).toBe(true);
          expect(r.rate === null).toBe(s.rate === null);
          if (r.rate !== null && s.rate !== null) expect(close(r.rate, s.rate)).toBe(true);
          expect(r.stars.map((x) => x.star)).toEqual(s.stars.map((x) => x.star));
          r.stars.forEach((star, j) => {
            const ref = s.stars[j];
            if (!ref) throw new Error('missing');
            expect(Object.keys(star.modules)).toEqual(Object.keys(ref.modules));
            for (const [k, v] of Object.entries(star.modules))
              expect(close(v, ref.modules[k] ?? Number.NaN)).toBe(true);
            expect(close(star.due, ref.due)).toBe(true);
            expect(star.rate === null).toBe(ref.rate === null);
            const taken = star.deductions.reduce((a, d) => a + d.points, 0);
            expect(star.deductions.every((d) => d.points > 0 && d.points <= c.model.problemDeduction)).toBe(
              true,
            );
            expect(taken).toBeLessThanOrEqual(star.deductions.length * c.model.problemDeduction + 1e-9);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers a unit score when a single score is raised', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0, max: 200, noNaN: true }),
        tArb,
        (c, row, point, delta, t) => {
          const target = c.scores[row % Math.max(1, c.scores.length)];
          fc.pre(target !== undefined && target.points.length > 0);
          if (!target) return;
          const index = point % target.points.length;
          const raised: ScoreInput = {
            ...target,
            points: target.points.map((p, i) => (i === index ? p + delta : p)),
          };
          const before = run(c, t);
          const after = run({ ...c, scores: c.scores.map((s) => (s === target ? raised : s)) }, t);
          after.forEach((r, i) => {
            expect(r.score).toBeGreaterThanOrEqual(before[i]?.score ?? Number.POSITIVE_INFINITY);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps every star score within [0, 100] and every module within [0, budget] for valid models', () => {
    fc.assert(
      fc.property(caseArb, tArb, (c, t) => {
        for (const r of run(c, t)) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          for (const s of r.stars) {
            expect(s.score).toBeGreaterThanOrEqual(0);
            expect(s.score).toBeLessThanOrEqual(100);
            for (const m of c.model.modules) {
              const p = s.modules[m.code] ?? Number.NaN;
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(m.budget);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lets a unit that scores full marks on everything reach exactly 100 in December', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const units = [{ code: 'U', name: 'U', targets: model.stars.map((s) => s.code), weight: 1 }];
        const scores = model.items.map((i) => ({ unit: 'U', item: i.code, points: [i.max], na: false }));
        const bonuses = model.modules
          .filter((m) => m.kind === 'bonus')
          .flatMap((m) =>
            model.stars.map((s) => ({
              unit: 'U',
              star: s.code,
              module: m.code,
              month: '2023-05',
              points: 99,
            })),
          );
        const [r] = computeUnitResults(model, units, scores, bonuses, [], '2023-12');
        for (const s of r?.stars ?? []) {
          const hasItems = (m: ModuleDef) =>
            model.items.some((i) => i.star === s.star && i.module === m.code);
          const reachable = model.modules
            .filter((m) => m.kind === 'bonus' || hasItems(m))
            .reduce((a, m) => a + m.budget, 0);
          expect(s.score).toBeCloseTo(reachable, 9);
          expect(s.score).toBeLessThanOrEqual(100);
          if (s.rate !== null) expect(s.rate).toBeCloseTo(100, 9);
        }
      }),
    );
  });

  it('computes all months in one pass exactly as month by month', () => {
    fc.assert(
      fc.property(caseArb, fc.array(tArb, { minLength: 1, maxLength: 5 }), (c, months) => {
        const all = computeUnitResultsForMonths(c.model, c.units, c.scores, c.bonuses, c.problems, months);
        for (const t of months) expect(all.get(t)).toEqual(run(c, t));
      }),
      { numRuns: 200 },
    );
  });
});

describe('ranking properties', () => {
  const rowsArb = fc.uniqueArray(
    fc.record({
      code: fc.string({ minLength: 1, maxLength: 4 }),
      score: fc.oneof(
        fc.double({ min: -10, max: 110, noNaN: true }),
        fc.integer({ min: 0, max: 20 }).map((n) => n / 4),
        fc.constantFrom(5.671, 5.674, 5.675, 15.625),
      ),
    }),
    { selector: (r) => r.code, maxLength: 30 },
  );

  it('is a permutation of the input codes with non-decreasing ranks starting at 1', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const ranked = rankRows(rows);
        expect(ranked.map((r) => r.code).sort()).toEqual(rows.map((r) => r.code).sort());
        if (ranked.length > 0) expect(ranked[0]?.rank).toBe(1);
        ranked.forEach((r, i) => {
          if (i > 0) expect(r.rank).toBeGreaterThanOrEqual(ranked[i - 1]?.rank ?? 0);
          // competition ranking: 1 + the number of rows shown strictly higher
          expect(r.rank).toBe(1 + ranked.filter((o) => o.display > r.display).length);
          const prev = ranked[i - 1];
          if (prev && prev.display === r.display) expect(prev.code < r.code).toBe(true);
        });
      }),
    );
  });

  it('reports change as previous rank minus current rank', () => {
    fc.assert(
      fc.property(rowsArb, rowsArb, (now, before) => {
        const previous = new Map(rankRows(before).map((r) => [r.code, r.rank]));
        for (const r of rankRows(now, previous)) {
          const p = previous.get(r.code);
          expect(r.change).toBe(p === undefined ? null : p - r.rank);
        }
      }),
    );
  });
});
