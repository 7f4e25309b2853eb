/**
 * SQL BASELINE — NOT the scoring model. The bench's uniform model (generate.ts: every unit targets every
 * star, no N/A, no bonuses, no problems, one scorer per item) re-written as one weighted SUM / GROUP BY /
 * ORDER BY per month in SQLite (better-sqlite3), only to compare core's speed and answers against. The one
 * implementation of the formulas is @wuxing/core; nothing outside this bench may use this file.
 *
 * For that model U(u,t) = (1/S) Σ_s Σ_m B(m) · Σ_{d(i) ≤ t} e(u,i) / X(m,s) = Σ_{rows, d ≤ t} e · B(m)/(S·X),
 * so with a common denominator D every row weighs an integer w = B(m)·D/(S·X(m,s)) and
 * U = SUM(w · points) / D exactly (integer points). Display hundredths, half up: (100·n + D/2) / D in
 * integer division — exact, so ties and ranks can be compared with core's round2 without float doubt.
 */

import type { CampaignModel, ScoreInput } from '@wuxing/core';
import Database from 'better-sqlite3';
import type { Province } from './generate';

/** The integer row weights of the uniform model and their common denominator D (see the file comment). */
export interface SqlWeights {
  denominator: number;
  /** Per item, in model order. */
  itemWeight: Int32Array;
}

/**
 * Derives the row weights for the uniform model; throws when the model is not one this baseline can
 * express exactly (a bonus item, or no even denominator up to 100,000 making every weight an integer).
 */
export function sqlWeights(model: CampaignModel): SqlWeights {
  const budget = new Map(model.modules.map((m) => [m.code, m]));
  const planMax = new Map<string, number>();
  for (const it of model.items) {
    const key = `${it.module}|${it.star}`;
    planMax.set(key, (planMax.get(key) ?? 0) + it.max);
  }
  const starCount = model.stars.length;
  const fraction = model.items.map((it) => {
    const mod = budget.get(it.module);
    if (mod?.kind !== 'plan') throw new Error(`SQL baseline: item ${it.code} is not in a plan module`);
    return { budget: mod.budget, divisor: starCount * (planMax.get(`${it.module}|${it.star}`) ?? 1) };
  });
  for (let d = 2; d <= 100_000; d += 2) {
    if (fraction.every((f) => (f.budget * d) % f.divisor === 0)) {
      return {
        denominator: d,
        itemWeight: Int32Array.from(fraction, (f) => (f.budget * d) / f.divisor),
      };
    }
  }
  throw new Error('SQL baseline: no integer weights for this model');
}

/** One row of a SQL month ranking, as returned in raw mode: code, Σ w·points, score, hundredths, rank. */
export type SqlRankTuple = [code: string, n: number, score: number, hundredths: number, rank: number];

/** The SQL answer to the ranking page: the top 50 (code, hundredths) and the caller's (hundredths, rank). */
export interface SqlPage {
  top: [code: string, hundredths: number][];
  own: [hundredths: number, rank: number] | undefined;
}

/** The baseline database: in-memory SQLite holding the province's 12 M scores. */
export class SqlBaseline {
  /** The better-sqlite3 connection (in-memory by default). */
  readonly db: Database.Database;
  /** The integer row weights the queries use. */
  readonly weights: SqlWeights;
  private readonly province: Province;
  private rankStmt: Database.Statement<[number], SqlRankTuple> | null = null;
  private topStmt: Database.Statement<[], [string, number]> | null = null;
  private ownStmt: Database.Statement<[string], [number, number]> | null = null;

  constructor(province: Province, filename = ':memory:') {
    this.province = province;
    this.weights = sqlWeights(province.model);
    this.db = new Database(filename);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -1048576'); // 1 GiB, only matters for a temp file
  }

  /**
   * Creates the tables and inserts the units and every score row in one transaction through prepared
   * statements, reading straight from the province's typed arrays. Scores are clustered by (unit, item)
   * (WITHOUT ROWID), so a GROUP BY unit streams in key order without a sort.
   */
  load(): void {
    const p = this.province;
    const { db } = this;
    db.exec(`
      CREATE TABLE unit (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, street TEXT NOT NULL);
      CREATE TABLE score (
        unit INTEGER NOT NULL, item INTEGER NOT NULL, month INTEGER NOT NULL,
        w INTEGER NOT NULL, points INTEGER NOT NULL,
        PRIMARY KEY (unit, item)
      ) WITHOUT ROWID;
    `);
    const insertUnit = db.prepare<[number, string, string]>(
      'INSERT INTO unit (id, code, street) VALUES (?, ?, ?)',
    );
    const insertScore = db.prepare<[number, number, number, number, number]>(
      'INSERT INTO score (unit, item, month, w, points) VALUES (?, ?, ?, ?, ?)',
    );
    const { itemWeight } = this.weights;
    const per = p.itemsPerUnit;
    db.transaction(() => {
      p.units.forEach((u, id) => {
        insertUnit.run(id, u.code, p.streets[p.streetOf[id] ?? 0] ?? '');
      });
      for (let u = 0; u < p.units.length; u++) {
        const base = u * per;
        for (let i = 0; i < per; i++) {
          insertScore.run(u, i, p.itemMonth[i] ?? 0, itemWeight[i] ?? 0, p.points[base + i] ?? 0);
        }
      }
    })();
  }

  /**
   * The ranking of month `month` (1-12) by one GROUP BY query: every unit's Σ w·points over rows due by
   * then, its exact score, displayed hundredths and shared rank (RANK() over hundredths), listed by
   * hundredths descending then code — SCORING.md's ranking rule for this model.
   */
  rankMonth(month: number): SqlRankTuple[] {
    const d = this.weights.denominator;
    this.rankStmt ??= this.db
      .prepare<[number], SqlRankTuple>(`
        SELECT u.code, g.n, g.n * 1.0 / ${d}, (100 * g.n + ${d / 2}) / ${d} AS h,
               RANK() OVER (ORDER BY (100 * g.n + ${d / 2}) / ${d} DESC)
        FROM (SELECT unit, SUM(w * points) AS n FROM score WHERE month <= ? GROUP BY unit) AS g
        JOIN unit AS u ON u.id = g.unit
        ORDER BY h DESC, u.code`)
      .raw(true);
    return this.rankStmt.all(month);
  }

  /**
   * Materialises month `month`'s scores into a `ranking` table (code, n, hundredths) with an index on
   * (hundredths DESC, code), for the page query.
   */
  materialise(month: number): void {
    const d = this.weights.denominator;
    this.db.exec(`
      DROP TABLE IF EXISTS ranking;
      CREATE TABLE ranking (code TEXT PRIMARY KEY, n INTEGER NOT NULL, h INTEGER NOT NULL);
      INSERT INTO ranking (code, n, h)
        SELECT u.code, g.n, (100 * g.n + ${d / 2}) / ${d}
        FROM (SELECT unit, SUM(w * points) AS n FROM score WHERE month <= ${Math.trunc(month)} GROUP BY unit) AS g
        JOIN unit AS u ON u.id = g.unit;
      CREATE INDEX ranking_h ON ranking (h DESC, code);
    `);
    this.topStmt = this.db
      .prepare<[], [string, number]>('SELECT code, h FROM ranking ORDER BY h DESC, code LIMIT 50')
      .raw(true);
    this.ownStmt = this.db
      .prepare<[string], [number, number]>(
        'SELECT r.h, (SELECT COUNT(*) FROM ranking AS b WHERE b.h > r.h) + 1 FROM ranking AS r WHERE r.code = ?',
      )
      .raw(true);
  }

  /** The ranking page from the materialised table: top 50 plus the caller's own hundredths and rank. */
  page(code: string): SqlPage {
    if (!this.topStmt || !this.ownStmt) throw new Error('SQL baseline: materialise() first');
    return { top: this.topStmt.all(), own: this.ownStmt.get(code) };
  }

  /**
   * Reads every score row back into core's inputs (what a server would do before calling core), mapping
   * ids to the province's code strings.
   */
  readScoreInputs(): ScoreInput[] {
    const p = this.province;
    const codes = p.units.map((u) => u.code);
    const out: ScoreInput[] = [];
    const stmt = this.db
      .prepare<[], [number, number, number]>('SELECT unit, item, points FROM score ORDER BY unit, item')
      .raw(true);
    for (const [unit, item, points] of stmt.iterate()) {
      out.push({ unit: codes[unit] ?? '', item: p.itemCodes[item] ?? '', points: [points], na: false });
    }
    return out;
  }

  /** Closes the database (frees SQLite's memory). */
  close(): void {
    this.db.close();
  }
}
