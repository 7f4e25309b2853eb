import { contestTotal, drawLots, juryScore, rankContestGroup } from '@wuxing/core';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  ConsoleView,
  ContestResultsView,
  JudgeContestView,
  ParticipantState,
  ScoreResultView,
  TimerAction,
  TimerStatus,
} from '../src/contracts/contest';
import { type Client, describeEachDialect } from './harness';

/**
 * Model-based test (fast-check `fc.commands`) of the 擂台赛 state machine through the HTTP API: lots, start,
 * call, the countdown, open scoring, judges' scores (回避 403, a second score 409, a retry with the same key a
 * replay, a key reused with another body 409), close (forced or not), unlock, finish, announce and every write
 * after it 409 — against a small model kept in this file. After every command the host console, the results
 * and (after a judge's command) the judge's own page must show exactly what the model says.
 *
 * Each run gets a fresh contest of the 街道 group (GZ, LH, LX, RML) with three demo judges on its jury (the
 * second one's own unit is GZ) and a fourth demo judge who is not on it; trimFrom 3, so three scores trim.
 */

const UNITS = ['GZ', 'LH', 'LX', 'RML'] as const;
type UnitCode = (typeof UNITS)[number];
/** Jury members 0–2 (judge 1 sits out GZ); judge 3 is a judge account not on this jury. */
const JUDGES = ['judge-wjg', 'judge-lmh', 'judge-zw', 'judge-lf'] as const;
const OWN_UNIT: Record<number, UnitCode> = { 1: 'GZ' };
const ON_JURY = [0, 1, 2];
const TRIM_FROM = 3;
const JURY_POINTS = 70;

/** A unit as the command names it: one of the codes, or the model's current / next waiting unit. */
type UnitRef = UnitCode | 'current' | 'next';

interface ModelUnit {
  state: ParticipantState;
  jury: number | null;
  total: number | null;
}

interface StoredKey {
  unit: UnitCode;
  judge: number;
  score: number;
  active: boolean;
}

interface ScoreRequest {
  judge: number;
  unit: UnitCode;
  score: number;
  key: string;
}

/** What the contest should be, as far as anyone can see it. */
interface Model {
  status: 'draft' | 'running' | 'finished' | 'announced';
  /** Speaking order once drawn. */
  lots: UnitCode[] | null;
  current: UnitCode | null;
  timer: TimerStatus;
  units: Record<UnitCode, ModelUnit>;
  /** Active scores: unit → judge → score. */
  scores: Record<UnitCode, Map<number, number>>;
  /** Every idempotency key that stored a score. */
  keys: Map<string, StoredKey>;
  /** The last score request sent by anyone, and by each judge (a phone retrying resends its own). */
  lastRequest: ScoreRequest | null;
  lastOf: Map<number, ScoreRequest>;
  keyCount: number;
}

interface Real {
  code: string;
  base: string;
  run: number;
}

/** Outcomes seen over all runs (command/status), to prove the runs reached what the test is about. */
const seen = new Map<string, number>();
function note(what: string) {
  seen.set(what, (seen.get(what) ?? 0) + 1);
}

function newModel(): Model {
  const units = {} as Record<UnitCode, ModelUnit>;
  const scores = {} as Record<UnitCode, Map<number, number>>;
  for (const u of UNITS) {
    units[u] = { state: 'waiting', jury: null, total: null };
    scores[u] = new Map();
  }
  return {
    status: 'draft',
    lots: null,
    current: null,
    timer: 'idle',
    units,
    scores,
    keys: new Map(),
    lastRequest: null,
    lastOf: new Map(),
    keyCount: 0,
  };
}

function nextWaiting(m: Model): UnitCode | null {
  return m.lots?.find((u) => m.units[u].state === 'waiting') ?? null;
}

function resolve(m: Model, ref: UnitRef): UnitCode {
  if (ref === 'current') return m.current ?? 'LX';
  if (ref === 'next') return nextWaiting(m) ?? 'RML';
  return ref;
}

/** The jury expected to score a unit: all jury members but the one whose own unit it is. */
function juryFor(unit: UnitCode): number[] {
  return ON_JURY.filter((j) => OWN_UNIT[j] !== unit);
}

/** 409 unless running (the host's running-only actions). */
function notRunning(m: Model): boolean {
  return m.status !== 'running';
}

/** The closed units ranked as core ranks them (honours and cadre votes are 0 here: total = jury). */
function ranked(m: Model): { code: UnitCode; rank: number; total: number }[] {
  return rankContestGroup(
    UNITS.filter((u) => m.units[u].state === 'closed').map((u) => ({
      code: u,
      total: m.units[u].total ?? 0,
      jury: m.units[u].jury ?? 0,
      honour: 0,
    })),
  ).map((r) => ({ code: r.code as UnitCode, rank: r.rank, total: r.total }));
}

describeEachDialect('擂台赛 state machine: model-based commands through the API', (env) => {
  let host: Client;
  const judges: Client[] = [];
  const judgeIds: string[] = [];
  let runs = 0;

  beforeAll(async () => {
    seen.clear();
    host = await env().login('admin');
    for (const username of JUDGES) {
      judges.push(await env().login(username));
      const user = await env().system().repos.users.findByUsername(username);
      if (!user) throw new Error(`no demo judge ${username}`);
      judgeIds.push(user.id);
    }
  });

  function judgeClient(j: number): Client {
    const c = judges[j];
    if (!c) throw new Error(`no judge ${j}`);
    return c;
  }

  /** The real state, next to the model's view of the same fields. */
  async function compare(m: Model, r: Real, judge: number | null): Promise<void> {
    const consoleRes = await host.get(`${r.base}/console`);
    expect(consoleRes.statusCode).toBe(200);
    const c = consoleRes.json() as ConsoleView;
    const order = ranked(m);
    const rank = new Map(order.map((r) => [r.code, r.rank]));
    expect({
      status: c.contest.status,
      current: c.current ? [c.current.unitCode, c.current.state] : null,
      timer: c.timer.status,
      participants: Object.fromEntries(
        c.participants.map((p) => [
          p.unitCode,
          [p.state, p.lotOrder, p.scoredCount, p.juryCount, p.jury, p.total, p.rank],
        ]),
      ),
      judges: c.judges.map((j) => [j.userId, j.scored, j.recused]).sort(),
      scoredCount: c.scoredCount,
      ranking: c.ranking.flatMap((g) => g.rows.map((row) => [row.unitCode, row.rank, row.total])),
    }).toEqual({
      status: m.status,
      current: m.current ? [m.current, m.units[m.current].state] : null,
      timer: m.timer,
      participants: Object.fromEntries(
        UNITS.map((u) => [
          u,
          [
            m.units[u].state,
            m.lots ? m.lots.indexOf(u) + 1 : null,
            m.scores[u].size,
            juryFor(u).length,
            m.units[u].jury,
            m.units[u].total,
            rank.get(u) ?? null,
          ],
        ]),
      ),
      judges: ON_JURY.map((j) => [
        judgeIds[j],
        m.current ? m.scores[m.current].has(j) : false,
        m.current ? OWN_UNIT[j] === m.current : false,
      ]).sort(),
      scoredCount: m.current ? m.scores[m.current].size : 0,
      ranking: order.map((r) => [r.code, r.rank, r.total]),
    });
    const results = (await host.get(`${r.base}/results`)).json() as ContestResultsView;
    expect(results.frozen).toBe(m.status === 'announced');
    const rows = results.groups.flatMap((g) => g.rows);
    expect(
      Object.fromEntries(
        rows.map((row) => [
          row.unitCode,
          [row.jury, row.total, row.rank, row.scores.map((s) => [s.userId, s.score]).sort()],
        ]),
      ),
    ).toEqual(
      Object.fromEntries(
        UNITS.filter((u) => m.units[u].state === 'closed').map((u) => [
          u,
          [
            m.units[u].jury,
            m.units[u].total,
            rank.get(u),
            [...m.scores[u].entries()].map(([j, s]) => [judgeIds[j], s]).sort(),
          ],
        ]),
      ),
    );
    if (judge !== null && ON_JURY.includes(judge)) {
      const view = (await judgeClient(judge).get(`${r.base}/judge`)).json() as JudgeContestView;
      const mine = UNITS.flatMap((u) => {
        const s = m.scores[u].get(judge);
        return s === undefined ? [] : [[u, s] as const];
      });
      expect(view.myScores.map((s) => [s.unitCode, s.score]).sort()).toEqual(
        mine.map(([u, s]) => [u, s]).sort(),
      );
      expect(view.currentUnit?.myScore ?? null).toBe(
        m.current ? (m.scores[m.current].get(judge) ?? null) : null,
      );
    }
  }

  /** One command: the model's expected status, the request, the model's change when it succeeds. */
  abstract class Command implements fc.AsyncCommand<Model, Real> {
    abstract readonly label: string;
    /** Expected HTTP status given the model, and what changes when it is 200. */
    abstract expectation(m: Model): { status: number; apply?: () => void };
    abstract send(m: Model, r: Real): Promise<LightMyRequestResponse>;
    /** The judge whose own page is compared afterwards. */
    judge(): number | null {
      return null;
    }
    check(): boolean {
      return true;
    }
    async run(m: Model, r: Real): Promise<void> {
      const { status, apply } = this.expectation(m);
      const res = await this.send(m, r);
      note(`${this.label.split('(')[0]}:${res.statusCode}${m.status === 'announced' ? ':announced' : ''}`);
      expect([this.label, res.statusCode, res.statusCode === status ? '' : res.body]).toEqual([
        this.label,
        status,
        '',
      ]);
      if (status === 200) apply?.();
      await compare(m, r, this.judge());
    }
    toString(): string {
      return this.label;
    }
  }

  class DrawLots extends Command {
    constructor(readonly seed: string) {
      super();
    }
    get label() {
      return `lots(${this.seed})`;
    }
    expectation(m: Model) {
      if (m.status !== 'draft') return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.lots = (drawLots(this.seed, { JD: [...UNITS] }).JD ?? []) as UnitCode[];
        },
      };
    }
    send(_m: Model, r: Real) {
      return host.post(`${r.base}/lots`, { seed: this.seed });
    }
  }

  class Start extends Command {
    readonly label = 'start';
    expectation(m: Model) {
      if (m.status !== 'draft' || !m.lots) return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.status = 'running';
        },
      };
    }
    send(_m: Model, r: Real) {
      return host.post(`${r.base}/start`);
    }
  }

  class Call extends Command {
    constructor(readonly unit: UnitCode | null) {
      super();
    }
    get label() {
      return `call(${this.unit ?? 'next'})`;
    }
    expectation(m: Model) {
      if (notRunning(m)) return { status: 409 };
      const current = m.current;
      if (current && m.units[current].state === 'scoring') return { status: 409 };
      const target = this.unit ?? nextWaiting(m);
      if (!target) return { status: 409 };
      // Waiting, or the current speaker called again (its countdown resets); never a unit already scored —
      // calling back the current unit once closed would put it on stage again and drop it from the ranking.
      const again = target === current && m.units[target].state === 'speaking';
      if (m.units[target].state !== 'waiting' && !again) return { status: 409 };
      return {
        status: 200,
        apply: () => {
          if (current && current !== target && m.units[current].state === 'speaking')
            m.units[current].state = 'waiting';
          m.units[target].state = 'speaking';
          m.current = target;
          m.timer = 'idle';
        },
      };
    }
    send(_m: Model, r: Real) {
      return host.post(`${r.base}/call`, this.unit ? { unitCode: this.unit } : {});
    }
  }

  const TIMER_FROM: Record<TimerAction, TimerStatus[]> = {
    start: ['idle'],
    pause: ['running'],
    resume: ['paused'],
    reset: ['idle', 'running', 'paused', 'ended'],
    end: ['running', 'paused'],
  };
  const TIMER_TO: Record<TimerAction, TimerStatus> = {
    start: 'running',
    pause: 'paused',
    resume: 'running',
    reset: 'idle',
    end: 'ended',
  };

  class Timer extends Command {
    constructor(readonly action: TimerAction) {
      super();
    }
    get label() {
      return `timer(${this.action})`;
    }
    expectation(m: Model) {
      if (notRunning(m)) return { status: 409 };
      if (!m.current || m.units[m.current].state !== 'speaking') return { status: 409 };
      if (!TIMER_FROM[this.action].includes(m.timer)) return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.timer = TIMER_TO[this.action];
        },
      };
    }
    send(_m: Model, r: Real) {
      return host.post(`${r.base}/timer`, { action: this.action });
    }
  }

  class Open extends Command {
    constructor(readonly ref: UnitRef) {
      super();
    }
    get label() {
      return `open(${this.ref})`;
    }
    expectation(m: Model) {
      const unit = resolve(m, this.ref);
      if (notRunning(m)) return { status: 409 };
      if (m.current !== unit || m.units[unit].state !== 'speaking') return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.units[unit].state = 'scoring';
          if (m.timer === 'running' || m.timer === 'paused') m.timer = 'ended';
        },
      };
    }
    send(m: Model, r: Real) {
      return host.post(`${r.base}/units/${resolve(m, this.ref)}/open`);
    }
  }

  /** A new key; the judge's own last request sent again (a retry); the last key anyone sent, with this body. */
  type KeyMode = 'fresh' | 'retryLast' | 'reuseLastKey';

  class Score extends Command {
    private request: ScoreRequest | null = null;
    constructor(
      readonly judgeIndex: number,
      readonly ref: UnitRef,
      readonly score: number,
      readonly keyMode: KeyMode,
    ) {
      super();
    }
    get label() {
      return `score(j${this.judgeIndex},${this.ref},${this.score},${this.keyMode})`;
    }
    override judge() {
      return this.request?.judge ?? null;
    }
    /** The request this command sends, fixed once from the model (a retry resends the last one). */
    private requestFor(m: Model, r: Real): ScoreRequest {
      const own = m.lastOf.get(this.judgeIndex);
      if (this.keyMode === 'retryLast' && own) return own;
      const key =
        this.keyMode === 'reuseLastKey' && m.lastRequest
          ? m.lastRequest.key
          : `model-${env().dialect}-${r.run}-${++m.keyCount}`;
      return { judge: this.judgeIndex, unit: resolve(m, this.ref), score: this.score, key };
    }
    expectation(m: Model) {
      const q = this.request;
      if (!q) throw new Error('request not made');
      if (!ON_JURY.includes(q.judge)) return { status: 403 };
      if (OWN_UNIT[q.judge] === q.unit) return { status: 403 };
      const stored = m.keys.get(q.key);
      if (stored) {
        const same = stored.unit === q.unit && stored.judge === q.judge && stored.score === q.score;
        // Another body with the key, or the key of a score the host has since unlocked: 409; else a replay.
        return { status: same && stored.active ? 200 : 409 };
      }
      if (m.status === 'announced') return { status: 409 };
      if (q.score < 0 || q.score > JURY_POINTS || Math.abs(q.score * 10 - Math.round(q.score * 10)) > 1e-9)
        return { status: 400 };
      if (m.status !== 'running' || m.units[q.unit].state !== 'scoring') return { status: 409 };
      if (m.scores[q.unit].has(q.judge)) return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.scores[q.unit].set(q.judge, q.score);
          m.keys.set(q.key, { unit: q.unit, judge: q.judge, score: q.score, active: true });
        },
      };
    }
    async send(m: Model, r: Real) {
      const q = this.request;
      if (!q) throw new Error('request not made');
      const res = await judgeClient(q.judge).post(`${r.base}/units/${q.unit}/scores`, {
        score: q.score,
        idempotencyKey: q.key,
      });
      if (res.statusCode === 200) {
        const body = res.json() as ScoreResultView;
        expect(body.replayed).toBe(m.keys.has(q.key));
        if (body.replayed) note('score:replayed');
      }
      m.lastRequest = q;
      m.lastOf.set(q.judge, q);
      return res;
    }
    override async run(m: Model, r: Real): Promise<void> {
      this.request = this.requestFor(m, r);
      await super.run(m, r);
    }
  }

  class Close extends Command {
    constructor(
      readonly ref: UnitRef,
      readonly force: boolean,
    ) {
      super();
    }
    get label() {
      return `close(${this.ref},${this.force ? 'force' : 'plain'})`;
    }
    expectation(m: Model) {
      const unit = resolve(m, this.ref);
      if (notRunning(m)) return { status: 409 };
      if (m.units[unit].state !== 'scoring') return { status: 409 };
      const scores = m.scores[unit];
      if (scores.size === 0) return { status: 409 };
      const missing = juryFor(unit).some((j) => !scores.has(j));
      if (missing && !this.force) return { status: 409 };
      return {
        status: 200,
        apply: () => {
          const jury = juryScore([...scores.values()], TRIM_FROM)?.score ?? 0;
          m.units[unit] = { state: 'closed', jury, total: contestTotal(jury, 0, 0) };
        },
      };
    }
    send(m: Model, r: Real) {
      return host.post(`${r.base}/units/${resolve(m, this.ref)}/close`, { force: this.force });
    }
  }

  class Unlock extends Command {
    constructor(
      readonly ref: UnitRef,
      readonly judgeIndex: number,
    ) {
      super();
    }
    get label() {
      return `unlock(${this.ref},j${this.judgeIndex})`;
    }
    expectation(m: Model) {
      const unit = resolve(m, this.ref);
      if (m.status === 'announced' || m.status === 'draft') return { status: 409 };
      const state = m.units[unit].state;
      if (state !== 'scoring' && state !== 'closed') return { status: 409 };
      const reopening = state === 'closed';
      const cur = m.current;
      if (reopening && cur && cur !== unit && m.units[cur].state !== 'closed') return { status: 409 };
      if (!m.scores[unit].has(this.judgeIndex)) return { status: 404 };
      return {
        status: 200,
        apply: () => {
          m.scores[unit].delete(this.judgeIndex);
          for (const k of m.keys.values())
            if (k.unit === unit && k.judge === this.judgeIndex && k.active) k.active = false;
          if (reopening) {
            m.units[unit] = { state: 'scoring', jury: null, total: null };
            m.current = unit;
            if (m.status === 'finished') m.status = 'running';
          }
        },
      };
    }
    send(m: Model, r: Real) {
      const unit = resolve(m, this.ref);
      return host.post(`${r.base}/units/${unit}/scores/${judgeIds[this.judgeIndex]}/unlock`, {
        reason: '模型测试：评委申请更正',
      });
    }
  }

  class Finish extends Command {
    readonly label = 'finish';
    expectation(m: Model) {
      if (notRunning(m)) return { status: 409 };
      if (UNITS.some((u) => m.units[u].state === 'speaking' || m.units[u].state === 'scoring'))
        return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.status = 'finished';
          m.current = null;
          m.timer = 'idle';
        },
      };
    }
    send(_m: Model, r: Real) {
      return host.post(`${r.base}/finish`);
    }
  }

  class Announce extends Command {
    readonly label = 'announce';
    expectation(m: Model) {
      if (m.status !== 'finished') return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.status = 'announced';
        },
      };
    }
    send(_m: Model, r: Real) {
      return host.post(`${r.base}/announce`);
    }
  }

  const unitRef = fc.constantFrom<UnitRef>('current', 'current', 'current', 'next', ...UNITS);
  const judgeIndex = fc.constantFrom(0, 0, 1, 1, 2, 2, 3);
  /** Scores in bounds with one decimal, and now and then one out of bounds or with two decimals. */
  const scoreValue = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: JURY_POINTS * 10 }).map((n) => n / 10) },
    { weight: 1, arbitrary: fc.constantFrom(70.5, -1, 64.55) },
  );
  const keyMode = fc.constantFrom<KeyMode>('fresh', 'fresh', 'fresh', 'retryLast', 'reuseLastKey');
  const commands = fc.commands(
    [
      fc.constantFrom('s1', 's2', 'seed-3').map((s) => new DrawLots(s)),
      fc.constant(new Start()),
      fc.option(fc.constantFrom(...UNITS), { freq: 3 }).map((u) => new Call(u)),
      fc
        .constantFrom<TimerAction>(...(['start', 'pause', 'resume', 'reset', 'end'] as const))
        .map((a) => new Timer(a)),
      unitRef.map((u) => new Open(u)),
      fc.tuple(judgeIndex, unitRef, scoreValue, keyMode).map(([j, u, s, k]) => new Score(j, u, s, k)),
      fc.tuple(judgeIndex, unitRef, scoreValue, keyMode).map(([j, u, s, k]) => new Score(j, u, s, k)),
      fc.tuple(judgeIndex, unitRef, scoreValue, keyMode).map(([j, u, s, k]) => new Score(j, u, s, k)),
      fc.tuple(unitRef, fc.boolean()).map(([u, f]) => new Close(u, f)),
      fc.tuple(unitRef, judgeIndex).map(([u, j]) => new Unlock(u, j)),
      fc.constant(new Finish()),
      fc.constant(new Announce()),
    ],
    { maxCommands: 30, size: 'max' },
  );

  /** A whole contest the scripted way, so every outcome the issue names is reached in every run of the file. */
  function scripted(): Command[] {
    // seed-3 draws LH, RML, GZ, LX.
    return [
      new Start(),
      new DrawLots('s1'),
      new DrawLots('seed-3'),
      new Start(),
      new DrawLots('s2'),
      new Timer('start'),
      new Call(null),
      new Timer('pause'),
      new Timer('start'),
      new Timer('start'),
      new Timer('pause'),
      new Timer('resume'),
      new Timer('end'),
      new Timer('reset'),
      new Timer('start'),
      new Open('current'),
      new Call(null),
      new Score(3, 'current', 50, 'fresh'),
      new Unlock('current', 2),
      new Score(2, 'current', 70.5, 'fresh'),
      new Score(2, 'current', 62, 'fresh'),
      new Score(1, 'current', 65.5, 'fresh'),
      new Close('current', false),
      new Score(0, 'current', 60, 'fresh'),
      new Score(0, 'current', 60, 'retryLast'),
      new Score(0, 'current', 61, 'fresh'),
      new Score(1, 'current', 61, 'reuseLastKey'),
      new Close('current', false),
      new Unlock('current', 0),
      new Score(0, 'current', 60, 'retryLast'),
      new Score(0, 'current', 66, 'fresh'),
      new Close('current', false),
      new Call('GZ'),
      new Open('GZ'),
      new Score(1, 'GZ', 55, 'fresh'),
      new Score(0, 'GZ', 50, 'fresh'),
      new Close('GZ', false),
      new Close('GZ', true),
      new Call('GZ'),
      new Call(null),
      new Finish(),
      new Open('current'),
      new Score(2, 'current', 40, 'fresh'),
      new Close('current', true),
      new Finish(),
      new Unlock('GZ', 0),
      new Score(0, 'GZ', 52, 'fresh'),
      new Close('GZ', false),
      new Close('GZ', true),
      new Finish(),
      new Announce(),
      new Score(0, 'GZ', 52, 'retryLast'),
      new Score(2, 'LX', 30, 'fresh'),
      new Score(1, 'GZ', 30, 'fresh'),
      new DrawLots('s1'),
      new Start(),
      new Call(null),
      new Timer('start'),
      new Open('current'),
      new Close('GZ', true),
      new Unlock('GZ', 0),
      new Finish(),
      new Announce(),
    ];
  }

  async function setup(): Promise<{ model: Model; real: Real }> {
    const run = ++runs;
    const code = `MODEL-${run}`;
    const created = await host.post('/api/contests', {
      code,
      name: `模型测试擂台赛${run}`,
      year: 2030,
      period: code,
      kind: 'custom',
      date: '2030-03-01',
      groupCodes: ['JD'],
      trimFrom: TRIM_FROM,
      juryPoints: JURY_POINTS,
    });
    expect(created.statusCode, created.body).toBe(200);
    const base = `/api/contests/${code}`;
    for (const j of ON_JURY) {
      const added = await host.post(`${base}/judges`, {
        userId: judgeIds[j],
        ownUnitCode: OWN_UNIT[j] ?? null,
      });
      expect(added.statusCode, added.body).toBe(200);
    }
    return { model: newModel(), real: { code, base, run } };
  }

  afterAll(() => {
    // Printed once per dialect so a reader of the log sees what the random runs reached.
    console.info(`[contest.model ${env().dialect}] runs=${runs}`, Object.fromEntries([...seen].sort()));
  });

  it('runs a whole contest the scripted way through the model', async () => {
    await fc.asyncModelRun(setup, scripted());
    // The script reached each outcome the state machine is about.
    for (const outcome of [
      'lots:200',
      'lots:409',
      'start:200',
      'start:409',
      'call:200',
      'call:409',
      'timer:200',
      'timer:409',
      'open:200',
      'score:200',
      'score:replayed',
      'score:403',
      'score:409',
      'score:400',
      'close:200',
      'close:409',
      'unlock:200',
      'unlock:404',
      'finish:200',
      'finish:409',
      'announce:200',
      'score:409:announced',
      'score:403:announced',
      'lots:409:announced',
      'start:409:announced',
      'call:409:announced',
      'timer:409:announced',
      'open:409:announced',
      'close:409:announced',
      'unlock:409:announced',
      'finish:409:announced',
      'announce:409:announced',
    ])
      expect([outcome, (seen.get(outcome) ?? 0) > 0]).toEqual([outcome, true]);
  });

  it('runs random command sequences against the model', async () => {
    await fc.assert(
      fc.asyncProperty(commands, (cmds) => fc.asyncModelRun(setup, cmds)),
      { numRuns: 14, endOnFailure: true },
    );
  }, 600_000);
});
