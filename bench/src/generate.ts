/**
 * Fixed-seed synthetic province for the ranking benchmark: units under streets, a uniform year of item
 * scores held in typed arrays (one byte per score), and the model they are scored with. Deterministic: the
 * same seed and size always give the same data (mulberry32, never Math.random).
 */
import {
  type CampaignModel,
  defaultFiveStarModel,
  type ItemDef,
  monthKey,
  type ScoreInput,
  seededRandom,
  type UnitInput,
} from '@wuxing/core';

/** The campaign year of the synthetic data. */
export const BENCH_YEAR = 2023;

/** Items per star per month: 2 of the 10-point 日常任务 (RC) module, then 2 of the 100-point 督导观摩 (DD). */
export const ITEMS_PER_STAR_MONTH = 4;

/** The item layout of one star-month, in model order. */
const STAR_MONTH_LAYOUT: { module: 'RC' | 'DD'; n: number; max: number }[] = [
  { module: 'RC', n: 1, max: 10 },
  { module: 'RC', n: 2, max: 10 },
  { module: 'DD', n: 1, max: 100 },
  { module: 'DD', n: 2, max: 100 },
];

/** An integer in [0, n) from a PRNG. */
export function randomInt(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The bench's uniform model: the default five-star model (stars, module budgets RC 30 / DD 40 / DQ 10
 * bonus / ND 20) with its items replaced by 4 items per star per month — 2 RC of max 10 and 2 DD of max 100.
 * ND then has no items and DQ no bonuses, so both contribute 0 and a unit's score tops out at 70.
 * Items are listed star by star, month by month, in STAR_MONTH_LAYOUT order; the data's item index is the
 * position in this list.
 */
export function benchModel(year: number = BENCH_YEAR): CampaignModel {
  const model = defaultFiveStarModel(year);
  const items: ItemDef[] = [];
  for (const star of model.stars) {
    for (let month = 1; month <= 12; month++) {
      for (const slot of STAR_MONTH_LAYOUT) {
        items.push({
          code: `${slot.module}-${star.code}-${pad(month, 2)}-${slot.n}`,
          name: `${year}年${month}月${slot.module === 'RC' ? '日常任务' : '督导观摩'}${slot.n}`,
          star: star.code,
          module: slot.module,
          month: monthKey(year, month),
          max: slot.max,
        });
      }
    }
  }
  return { ...model, items };
}

/** A synthetic province: every unit targets every star and has a score on every item of the year. */
export interface Province {
  seed: number;
  year: number;
  model: CampaignModel;
  /** Units in generation order (not code order); every unit targets all stars, weight 1. */
  units: UnitInput[];
  /** Street codes, `J0001`…; `streetOf[u]` indexes this list. */
  streets: string[];
  streetOf: Int32Array;
  /** Item codes, in model order; the data's item index. */
  itemCodes: string[];
  /** Per item: its month (1-12), its maximum and its module code. */
  itemMonth: Uint8Array;
  itemMax: Uint8Array;
  itemModule: string[];
  /** Scores per unit: row `u · itemsPerUnit + i` is unit u's points on item i (integers 0..max). */
  itemsPerUnit: number;
  points: Uint8Array;
}

/** Options of generateProvince. */
export interface ProvinceOptions {
  units: number;
  /** About 50 units per street by default (1,000 streets for 50,000 units). */
  streets?: number;
  seed?: number;
}

/**
 * Generates the province. Each unit has a quality level and each (unit, star) an offset, so rankings are
 * stable-ish across months but move; item points are integers (a scorer's whole points), which also gives
 * plenty of equal displayed scores to exercise the shared-rank rule.
 */
export function generateProvince(options: ProvinceOptions): Province {
  const seed = options.seed ?? 20230101;
  const unitCount = options.units;
  const streetCount = options.streets ?? Math.max(1, Math.round(unitCount / 50));
  const rng = seededRandom(seed);
  const model = benchModel(BENCH_YEAR);
  const starCodes = model.stars.map((s) => s.code);

  const streets = Array.from({ length: streetCount }, (_, i) => `J${pad(i + 1, 4)}`);
  const perStreet = new Int32Array(streetCount);
  const streetOf = new Int32Array(unitCount);
  const units: UnitInput[] = [];
  for (let u = 0; u < unitCount; u++) {
    const street = randomInt(rng, streetCount);
    const seq = (perStreet[street] ?? 0) + 1;
    perStreet[street] = seq;
    streetOf[u] = street;
    const code = `${streets[street] ?? ''}-${pad(seq, 3)}`;
    units.push({ code, name: `${code}村`, targets: [...starCodes], weight: 1 });
  }

  const itemsPerUnit = model.items.length;
  const itemCodes = model.items.map((it) => it.code);
  const itemMonth = Uint8Array.from(model.items, (it) => Number(it.month.slice(5, 7)));
  const itemMax = Uint8Array.from(model.items, (it) => it.max);
  const itemModule = model.items.map((it) => it.module);
  const itemsPerStar = itemsPerUnit / starCodes.length;

  const points = new Uint8Array(unitCount * itemsPerUnit);
  for (let u = 0; u < unitCount; u++) {
    const quality = 0.55 + 0.43 * rng();
    let offset = 0;
    for (let i = 0; i < itemsPerUnit; i++) {
      if (i % itemsPerStar === 0) offset = 0.16 * (rng() - 0.5);
      const max = itemMax[i] ?? 0;
      const level = Math.min(1, Math.max(0, quality + offset + 0.3 * (rng() - 0.5)));
      points[u * itemsPerUnit + i] = Math.round(level * max);
    }
  }
  return {
    seed,
    year: BENCH_YEAR,
    model,
    units,
    streets,
    streetOf,
    itemCodes,
    itemMonth,
    itemMax,
    itemModule,
    itemsPerUnit,
    points,
  };
}

/**
 * The province's scores as core's inputs: one ScoreInput (one scorer) per unit and item, unit by unit, so
 * unit u's rows are `[u · itemsPerUnit, (u + 1) · itemsPerUnit)`. Codes are shared strings, not copies.
 */
export function toScoreInputs(p: Province): ScoreInput[] {
  // push, not `new Array(n)`: V8 makes a large preallocated array a slow dictionary.
  const scores: ScoreInput[] = [];
  let k = 0;
  for (const unit of p.units) {
    for (let i = 0; i < p.itemsPerUnit; i++) {
      scores.push({ unit: unit.code, item: p.itemCodes[i] ?? '', points: [p.points[k] ?? 0], na: false });
      k++;
    }
  }
  return scores;
}
