/**
 * Ranking at province scale (QUALITY.md, Benchmarks): 50,000 units under ~1,000 streets, 5 stars, 4 items
 * per star per month for a year — 12 M item scores — scored by @wuxing/core and, in the same run, by a
 * SQL GROUP BY baseline (sqlBaseline.ts) over the same rows.
 *
 *   1. full recompute of the 12 monthly rankings (the quarterly ones are months 3/6/9/12 of it);
 *   2. one new score → its unit's updated rank (incremental: recompute one unit, re-rank);
 *   3. the ranking page query, top 50 plus the caller's own unit.
 *
 * Answers are cross-checked (core vs SQL, incremental vs full); a mismatch is printed and the process exits
 * non-zero. Timings are reported, never asserted. Run alone with `node --import tsx bench/src/ranking.bench.ts`
 * (it re-runs itself with a larger heap), or through `npm run bench`. BENCH_UNITS, BENCH_SEED,
 * BENCH_UPDATES and BENCH_CALLERS size a quicker run.
 */
import {
  type CampaignModel,
  computeUnitResults,
  computeUnitResultsForMonths,
  type Month,
  monthKey,
  type RankedRow,
  type RankInput,
  rankRows,
  type ScoreInput,
  seededRandom,
  type UnitInput,
} from '@wuxing/core';
import { generateProvince, type Province, randomInt, toScoreInputs } from './generate';
import {
  collectGarbage,
  ensureBenchFlags,
  type Figure,
  GcClock,
  heapUsedMiB,
  intEnv,
  machine,
  median,
  nowMs,
  printMachine,
  printTable,
  quantile,
  timed,
  writeJson,
} from './harness';
import { SqlBaseline, type SqlRankTuple } from './sqlBaseline';

ensureBenchFlags(import.meta.url);

const UNITS = intEnv('BENCH_UNITS', 50_000);
const SEED = intEnv('BENCH_SEED', 20230101);
const UPDATES = intEnv('BENCH_UPDATES', 200);
const CALLERS = intEnv('BENCH_CALLERS', 10_000);
const WARMUP_UPDATES = 10;
const WARMUP_CALLS = 1_000;
const BASELINE_REPEATS = 3;
/** Rows of each month's ranking that must agree between core and SQL (the whole ranking is checked too). */
const TOP_CHECKED = 100;
const PAGE_SIZE = 50;
/** Ranking month of measures 2 and 3 (December: every score counts). */
const FOCUS_MONTH = 12;

const failures: string[] = [];

/** Records and loudly prints a correctness failure (the run continues, then exits non-zero). */
function fail(message: string): void {
  failures.push(message);
  console.error(`\n✗✗✗ MISMATCH: ${message}\n`);
}

function toRankInputs(units: readonly UnitInput[], scores: readonly { score: number }[]): RankInput[] {
  return units.map((u, i) => ({ code: u.code, score: scores[i]?.score ?? 0 }));
}

function ranksOf(ranked: readonly RankedRow[]): Map<string, number> {
  return new Map(ranked.map((r) => [r.code, r.rank]));
}

/** Up to 5 differences between core's and SQL's ranking of a month over the first `limit` rows. */
function compareWithSql(
  label: string,
  core: readonly RankedRow[],
  sql: readonly SqlRankTuple[],
  limit: number,
): string[] {
  const diffs: string[] = [];
  if (core.length !== sql.length) diffs.push(`${label}: core ranks ${core.length} units, SQL ${sql.length}`);
  const n = Math.min(limit, core.length, sql.length);
  for (let i = 0; i < n && diffs.length < 5; i++) {
    const c = core[i];
    const s = sql[i];
    if (!c || !s) break;
    const [code, , score, hundredths, rank] = s;
    if (
      c.code !== code ||
      c.rank !== rank ||
      Math.round(c.display * 100) !== hundredths ||
      Math.abs(c.score - score) > 1e-9
    ) {
      diffs.push(
        `${label} row ${i + 1}: core ${c.code} rank ${c.rank} ${c.display} (${c.score}) ≠ SQL ${code} rank ${rank} ${hundredths / 100} (${score})`,
      );
    }
  }
  return diffs;
}

/** Up to 5 differences between two core rankings (code, rank, display, change and exact score). */
function compareRankings(label: string, a: readonly RankedRow[], b: readonly RankedRow[]): string[] {
  const diffs: string[] = [];
  if (a.length !== b.length) diffs.push(`${label}: ${a.length} rows vs ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length) && diffs.length < 5; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) break;
    if (
      x.code !== y.code ||
      x.rank !== y.rank ||
      x.display !== y.display ||
      x.change !== y.change ||
      x.score !== y.score
    ) {
      diffs.push(`${label} row ${i + 1}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
    }
  }
  return diffs;
}

interface FullRecompute {
  monthly: RankedRow[][];
  /** December unit scores in unit order (the incremental bench's starting state). */
  focusRows: RankInput[];
  coreComputeMs: number;
  coreMonthlyRankMs: number;
  coreQuarterlyRankMs: number;
  /** GC pauses inside the three core phases above. */
  coreComputeGcMs: number;
  coreMonthlyRankGcMs: number;
  coreQuarterlyRankGcMs: number;
  sqlMonthMs: number[];
  topChecked: boolean;
  fullChecked: boolean;
}

/** Measure 1: all 12 monthly rankings by core and by 12 SQL GROUP BY queries; checks they agree. */
async function fullRecompute(
  province: Province,
  scores: ScoreInput[],
  sql: SqlBaseline,
  months: Month[],
  gc: GcClock,
): Promise<FullRecompute> {
  const { model, units } = province;
  collectGarbage();
  const gc0 = await gc.read();
  const start = nowMs();
  const results = computeUnitResultsForMonths(model, units, scores, [], [], months);
  const computed = nowMs();
  const gc1 = await gc.read();
  const rankStart = nowMs();
  const monthly: RankedRow[][] = [];
  let previous: Map<string, number> | undefined;
  for (const m of months) {
    const ranked = rankRows(toRankInputs(units, results.get(m) ?? []), previous);
    monthly.push(ranked);
    previous = ranksOf(ranked);
  }
  const ranked = nowMs();
  const gc2 = await gc.read();
  const quarterStart = nowMs();
  // Quarterly rankings are the results of months 3/6/9/12; only their 较上期 (vs the previous quarter) differs.
  let previousQuarter: Map<string, number> | undefined;
  for (const m of [3, 6, 9, 12]) {
    const q = rankRows(toRankInputs(units, results.get(monthKey(province.year, m)) ?? []), previousQuarter);
    previousQuarter = ranksOf(q);
  }
  const quarterly = nowMs();
  const gc3 = await gc.read();
  const focusRows = toRankInputs(units, results.get(monthKey(province.year, FOCUS_MONTH)) ?? []);

  collectGarbage();
  const sqlMonthMs: number[] = [];
  const sqlMonthly: SqlRankTuple[][] = [];
  for (let m = 1; m <= 12; m++) {
    const r = timed(() => sql.rankMonth(m));
    sqlMonthMs.push(r.ms);
    sqlMonthly.push(r.value);
  }

  let topChecked = true;
  let fullChecked = true;
  for (let m = 0; m < 12; m++) {
    const label = monthKey(province.year, m + 1);
    const core = monthly[m] ?? [];
    const base = sqlMonthly[m] ?? [];
    const top = compareWithSql(`${label} top ${TOP_CHECKED}`, core, base, TOP_CHECKED);
    if (top.length > 0) {
      topChecked = false;
      for (const d of top) fail(d);
    }
    const all = compareWithSql(`${label} full ranking`, core, base, Number.POSITIVE_INFINITY);
    if (all.length > 0) {
      fullChecked = false;
      for (const d of all) fail(d);
    }
  }
  return {
    monthly,
    focusRows,
    coreComputeMs: computed - start,
    coreMonthlyRankMs: ranked - rankStart,
    coreQuarterlyRankMs: quarterly - quarterStart,
    coreComputeGcMs: gc1 - gc0,
    coreMonthlyRankGcMs: gc2 - gc1,
    coreQuarterlyRankGcMs: gc3 - gc2,
    sqlMonthMs,
    topChecked,
    fullChecked,
  };
}

interface Incremental {
  totalMs: number[];
  unitMs: number[];
  rankMs: number[];
  /** Share of the update loop's wall time spent in GC pauses. */
  gcShare: number;
  baselineMs: number[];
  checked: boolean;
}

/**
 * Measure 2: keep December's per-unit scores, apply one new score to one unit, recompute that unit with
 * core and re-rank everyone with rankRows; baseline: core's full recompute of December. After the updates,
 * the incremental ranking must equal a full recompute over the updated scores.
 */
async function incremental(
  province: Province,
  scores: ScoreInput[],
  start: RankInput[],
  previousRanks: Map<string, number>,
  gc: GcClock,
): Promise<Incremental> {
  const { model, units, itemsPerUnit, itemCodes, itemMax } = province;
  const t = monthKey(province.year, FOCUS_MONTH);
  const unitScores = units.map((_, u) => scores.slice(u * itemsPerUnit, (u + 1) * itemsPerUnit));
  const rows = start.slice();
  let ranked = rankRows(rows, previousRanks);
  const rng = seededRandom(SEED ^ 0x9e3779b9);
  const totalMs: number[] = [];
  const unitMs: number[] = [];
  const rankMs: number[] = [];
  let sink = 0;
  collectGarbage();
  const gcBefore = await gc.read();
  const loopStart = nowMs();
  for (let k = 0; k < WARMUP_UPDATES + UPDATES; k++) {
    const u = randomInt(rng, units.length);
    const i = randomInt(rng, itemsPerUnit);
    const points = randomInt(rng, (itemMax[i] ?? 0) + 1);
    const unit = units[u] as UnitInput;
    const list = unitScores[u] as ScoreInput[];
    const t0 = nowMs();
    list[i] = { unit: unit.code, item: itemCodes[i] ?? '', points: [points], na: false };
    const result = computeUnitResults(model, [unit], list, [], [], t)[0];
    const t1 = nowMs();
    rows[u] = { code: unit.code, score: result?.score ?? 0 };
    ranked = rankRows(rows, previousRanks);
    let rank = 0;
    for (const r of ranked) {
      if (r.code === unit.code) {
        rank = r.rank;
        break;
      }
    }
    const t2 = nowMs();
    sink += rank;
    if (k >= WARMUP_UPDATES) {
      totalMs.push(t2 - t0);
      unitMs.push(t1 - t0);
      rankMs.push(t2 - t1);
    }
  }
  const loopMs = nowMs() - loopStart;
  const gcShare = ((await gc.read()) - gcBefore) / loopMs;
  if (sink <= 0) fail('incremental: no rank found');

  const updated = unitScores.flat();
  const baselineMs: number[] = [];
  let checked = true;
  for (let r = 0; r < BASELINE_REPEATS; r++) {
    collectGarbage();
    const full = timed(() =>
      rankRows(toRankInputs(units, computeUnitResults(model, units, updated, [], [], t)), previousRanks),
    );
    baselineMs.push(full.ms);
    if (r === 0) {
      const diffs = compareRankings('incremental vs full recompute', ranked, full.value);
      if (diffs.length > 0) {
        checked = false;
        for (const d of diffs) fail(d);
      }
    }
  }
  return { totalMs, unitMs, rankMs, gcShare, baselineMs, checked };
}

interface PageQuery {
  indexMs: number;
  coreMs: number[];
  materialiseMs: number;
  sqlMs: number[];
  checked: boolean;
}

/**
 * Measure 3: "top 50 plus the caller's own unit" from the computed ranking (sorted array + Map code →
 * index) vs SQL over a materialised ranking table; both answers are compared for every caller.
 */
function pageQuery(province: Province, ranked: RankedRow[], sql: SqlBaseline): PageQuery {
  const rng = seededRandom(SEED ^ 0x85ebca6b);
  const callers = Array.from(
    { length: CALLERS },
    () => province.units[randomInt(rng, province.units.length)]?.code ?? '',
  );
  const { ms: indexMs, value: index } = timed(() => new Map(ranked.map((r, i) => [r.code, i])));
  const page = (code: string): { top: RankedRow[]; own: RankedRow | undefined } => {
    const at = index.get(code);
    return { top: ranked.slice(0, PAGE_SIZE), own: at === undefined ? undefined : ranked[at] };
  };
  let sink = 0;
  for (let k = 0; k < WARMUP_CALLS; k++) sink += page(callers[k % CALLERS] ?? '').top.length;
  collectGarbage();
  const coreMs: number[] = [];
  const coreOwn: (RankedRow | undefined)[] = [];
  for (const code of callers) {
    const t0 = process.hrtime.bigint();
    const answer = page(code);
    const t1 = process.hrtime.bigint();
    coreMs.push(Number(t1 - t0) / 1e6);
    coreOwn.push(answer.own);
    sink += answer.top.length;
  }

  const { ms: materialiseMs } = timed(() => sql.materialise(FOCUS_MONTH));
  for (let k = 0; k < Math.min(WARMUP_CALLS, 100); k++)
    sink += sql.page(callers[k % CALLERS] ?? '').top.length;
  collectGarbage();
  const sqlMs: number[] = [];
  const sqlOwn: ([number, number] | undefined)[] = [];
  let sqlTop: [string, number][] = [];
  for (const code of callers) {
    const t0 = process.hrtime.bigint();
    const answer = sql.page(code);
    const t1 = process.hrtime.bigint();
    sqlMs.push(Number(t1 - t0) / 1e6);
    sqlOwn.push(answer.own);
    sqlTop = answer.top;
    sink += answer.top.length;
  }
  if (sink <= 0) fail('page query: empty answers');

  let checked = true;
  const coreTop = ranked.slice(0, PAGE_SIZE);
  const topSame =
    coreTop.length === sqlTop.length &&
    coreTop.every((r, i) => r.code === sqlTop[i]?.[0] && Math.round(r.display * 100) === sqlTop[i]?.[1]);
  if (!topSame) {
    checked = false;
    fail(`page query: top ${PAGE_SIZE} differs between core and SQL`);
  }
  let ownDiffs = 0;
  callers.forEach((code, k) => {
    const c = coreOwn[k];
    const s = sqlOwn[k];
    if (!c || !s || c.rank !== s[1] || Math.round(c.display * 100) !== s[0]) {
      ownDiffs++;
      if (ownDiffs <= 5) {
        fail(
          `page query, caller ${code}: core ${c?.rank} ${c?.display} ≠ SQL ${s?.[1]} ${(s?.[0] ?? 0) / 100}`,
        );
      }
    }
  });
  if (ownDiffs > 0) checked = false;
  return { indexMs, coreMs, materialiseMs, sqlMs, checked };
}

function describeModel(model: CampaignModel): string {
  const modules = model.modules
    .map((m) => `${m.code} ${m.budget}${m.kind === 'bonus' ? ' bonus' : ''}`)
    .join(', ');
  return `${model.stars.length} stars, modules ${modules}; ${model.items.length} items/year (2 RC max 10 + 2 DD max 100 per star-month)`;
}

async function main(): Promise<void> {
  const gc = new GcClock();
  const mach = machine();
  printMachine(mach);
  const started = nowMs();

  const gen = timed(() => generateProvince({ units: UNITS, seed: SEED }));
  const province = gen.value;
  const { model, units } = province;
  const rowCount = province.points.length;
  const months = Array.from({ length: 12 }, (_, i) => monthKey(province.year, i + 1));
  console.log(
    `data: ${units.length.toLocaleString('en')} units under ${province.streets.length.toLocaleString('en')} streets, ` +
      `${rowCount.toLocaleString('en')} item scores, seed ${SEED}; ${describeModel(model)}`,
  );

  collectGarbage();
  const coreLoad = timed(() => toScoreInputs(province));
  const scores = coreLoad.value;
  const heapAfterLoad = heapUsedMiB();

  const sql = new SqlBaseline(province);
  const sqlLoad = timed(() => sql.load());
  const pageSize = Number(sql.db.pragma('page_size', { simple: true }));
  const pageCount = Number(sql.db.pragma('page_count', { simple: true }));
  const sqliteMiB = Math.round((pageSize * pageCount) / 2 ** 20);

  collectGarbage();
  const readBack = timed(() => sql.readScoreInputs().length);
  if (readBack.value !== rowCount) fail(`read-back: ${readBack.value} rows, expected ${rowCount}`);
  console.log(
    `load: generate ${gen.ms.toFixed(0)} ms; core inputs ${coreLoad.ms.toFixed(0)} ms (heap ${heapAfterLoad} MiB); ` +
      `SQLite insert ${sqlLoad.ms.toFixed(0)} ms (${sqliteMiB} MiB db, weights ÷${sql.weights.denominator}); ` +
      `SQLite → core inputs ${readBack.ms.toFixed(0)} ms`,
  );

  const full = await fullRecompute(province, scores, sql, months, gc);
  const coreFullMs = full.coreComputeMs + full.coreMonthlyRankMs;
  const sqlFullMs = full.sqlMonthMs.reduce((a, b) => a + b, 0);
  console.log(
    `1. core ${coreFullMs.toFixed(0)} ms (compute ${full.coreComputeMs.toFixed(0)} [GC ${full.coreComputeGcMs.toFixed(0)}] + ` +
      `rank ${full.coreMonthlyRankMs.toFixed(0)} [GC ${full.coreMonthlyRankGcMs.toFixed(0)}], ` +
      `quarterly 较上期 +${full.coreQuarterlyRankMs.toFixed(0)} [GC ${full.coreQuarterlyRankGcMs.toFixed(0)}]); SQL ${sqlFullMs.toFixed(0)} ms ` +
      `[${full.sqlMonthMs.map((x) => x.toFixed(0)).join(', ')}]; top ${TOP_CHECKED} ${full.topChecked ? 'identical' : 'DIFFERENT'}, ` +
      `full ranking ${full.fullChecked ? 'identical' : 'DIFFERENT'} in all 12 months`,
  );

  const december = full.monthly[FOCUS_MONTH - 1] ?? [];
  const november = ranksOf(full.monthly[FOCUS_MONTH - 2] ?? []);
  const inc = await incremental(province, scores, full.focusRows, november, gc);
  console.log(
    `2. ${UPDATES} updates (+${WARMUP_UPDATES} warm-up): median ${median(inc.totalMs).toFixed(2)} ms, p99 ${quantile(inc.totalMs, 0.99).toFixed(2)} ms ` +
      `(GC ${(inc.gcShare * 100).toFixed(0)}% of the loop); ` +
      `full December recompute ${inc.baselineMs.map((x) => x.toFixed(0)).join(' / ')} ms; incremental = full: ${inc.checked ? 'yes' : 'NO'}`,
  );

  const page = pageQuery(province, december, sql);
  console.log(
    `3. ${CALLERS} callers: core p50 ${(median(page.coreMs) * 1000).toFixed(2)} µs p99 ${(quantile(page.coreMs, 0.99) * 1000).toFixed(2)} µs; ` +
      `SQL p50 ${(median(page.sqlMs) * 1000).toFixed(1)} µs p99 ${(quantile(page.sqlMs, 0.99) * 1000).toFixed(1)} µs; answers equal: ${page.checked ? 'yes' : 'NO'}`,
  );
  sql.close();

  const incMedian = median(inc.totalMs);
  const incP99 = quantile(inc.totalMs, 0.99);
  const baselineMedian = median(inc.baselineMs);
  const figures: Figure[] = [
    {
      measure: `0. load ${(rowCount / 1e6).toFixed(1)} M scores → core inputs`,
      valueMs: coreLoad.ms,
      baselineMs: sqlLoad.ms,
      baseline: 'SQLite: insert all rows, one transaction, prepared statement',
    },
    { measure: '   SQLite rows → core inputs (read-back)', valueMs: readBack.ms, baselineMs: null },
    {
      measure: '1. full recompute, 12 monthly rankings',
      valueMs: coreFullMs,
      baselineMs: sqlFullMs,
      baseline: '12 SQL GROUP BY queries, one per month',
      note: 'quarterly rankings = months 3/6/9/12 of the same computation (included)',
    },
    { measure: '   core computeUnitResultsForMonths', valueMs: full.coreComputeMs, baselineMs: null },
    { measure: '   core rankRows × 12 (with 较上期)', valueMs: full.coreMonthlyRankMs, baselineMs: null },
    { measure: '   + quarterly 较上期: rankRows × 4', valueMs: full.coreQuarterlyRankMs, baselineMs: null },
    {
      measure: '   Dec only: core recompute vs SQL query',
      valueMs: baselineMedian,
      baselineMs: full.sqlMonthMs[FOCUS_MONTH - 1] ?? Number.NaN,
      baseline: 'SQL GROUP BY for December',
    },
    {
      measure: '2. new score → updated rank, median',
      valueMs: incMedian,
      baselineMs: baselineMedian,
      baseline: `core full recompute of December (median of ${BASELINE_REPEATS})`,
    },
    { measure: '2. new score → updated rank, p99', valueMs: incP99, baselineMs: baselineMedian },
    { measure: '   computeUnitResults (1 unit), median', valueMs: median(inc.unitMs), baselineMs: null },
    { measure: '   rankRows (all units) + find, median', valueMs: median(inc.rankMs), baselineMs: null },
    {
      measure: '3. page: top 50 + own unit, p50',
      valueMs: median(page.coreMs),
      baselineMs: median(page.sqlMs),
      baseline: 'SQL: ORDER BY h DESC LIMIT 50 + own rank by COUNT of better, materialised table',
    },
    {
      measure: '3. page: top 50 + own unit, p99',
      valueMs: quantile(page.coreMs, 0.99),
      baselineMs: quantile(page.sqlMs, 0.99),
    },
    {
      measure: '   build code→index Map vs materialise',
      valueMs: page.indexMs,
      baselineMs: page.materialiseMs,
      baseline: 'SQL: INSERT … SELECT GROUP BY into ranking table + index',
    },
  ];
  console.log('');
  console.log(
    `ranking @ ${units.length.toLocaleString('en')} units, ${(rowCount / 1e6).toFixed(1)} M scores — ratio = baseline ÷ value`,
  );
  printTable(figures);
  const checks = {
    topRowsEqualSql: full.topChecked,
    fullRankingEqualSql: full.fullChecked,
    incrementalEqualsFull: inc.checked,
    pageAnswersEqualSql: page.checked,
  };
  console.log(
    `checks: top ${TOP_CHECKED} = SQL ${full.topChecked}, full ranking = SQL ${full.fullChecked}, ` +
      `incremental = full ${inc.checked}, page answers = SQL ${page.checked}`,
  );
  const totalS = (nowMs() - started) / 1000;
  console.log(`total ${totalS.toFixed(1)} s`);

  const path = writeJson('ranking', {
    bench: 'ranking',
    date: new Date().toISOString(),
    machine: mach,
    config: {
      units: units.length,
      streets: province.streets.length,
      scores: rowCount,
      seed: SEED,
      updates: UPDATES,
      warmupUpdates: WARMUP_UPDATES,
      callers: CALLERS,
      focusMonth: monthKey(province.year, FOCUS_MONTH),
      model: describeModel(model),
      sqlWeightDenominator: sql.weights.denominator,
    },
    load: {
      generateMs: gen.ms,
      coreInputsMs: coreLoad.ms,
      heapAfterCoreInputsMiB: heapAfterLoad,
      sqliteInsertMs: sqlLoad.ms,
      sqliteMiB,
      sqliteReadBackToCoreInputsMs: readBack.ms,
    },
    fullRecompute: {
      coreMs: coreFullMs,
      coreComputeMs: full.coreComputeMs,
      coreMonthlyRankMs: full.coreMonthlyRankMs,
      coreQuarterlyRankMs: full.coreQuarterlyRankMs,
      coreComputeGcMs: full.coreComputeGcMs,
      coreMonthlyRankGcMs: full.coreMonthlyRankGcMs,
      coreQuarterlyRankGcMs: full.coreQuarterlyRankGcMs,
      quarterly: 'months 3/6/9/12 of the same computation; quarterly 较上期 re-rank reported separately',
      sqlMs: sqlFullMs,
      sqlMonthMs: full.sqlMonthMs,
      ratio: sqlFullMs / coreFullMs,
    },
    incremental: {
      month: monthKey(province.year, FOCUS_MONTH),
      medianMs: incMedian,
      p99Ms: incP99,
      unitMedianMs: median(inc.unitMs),
      rankMedianMs: median(inc.rankMs),
      gcShareOfUpdateLoop: inc.gcShare,
      baselineFullMonthMs: inc.baselineMs,
      ratioMedian: baselineMedian / incMedian,
      ratioP99: baselineMedian / incP99,
    },
    pageQuery: {
      month: monthKey(province.year, FOCUS_MONTH),
      coreP50Ms: median(page.coreMs),
      coreP99Ms: quantile(page.coreMs, 0.99),
      sqlP50Ms: median(page.sqlMs),
      sqlP99Ms: quantile(page.sqlMs, 0.99),
      coreIndexBuildMs: page.indexMs,
      sqlMaterialiseMs: page.materialiseMs,
    },
    checks,
    failures,
    table: figures,
    totalSeconds: totalS,
  });
  console.log(`wrote ${path}`);
  if (failures.length > 0) {
    console.error(`\n✗✗✗ ${failures.length} MISMATCH(ES) between core and the baseline — see above.`);
    process.exitCode = 1;
  }
  gc.stop();
}

await main();
