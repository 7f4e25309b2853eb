import { chinaDate } from '@wuxing/core';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { ProblemDetailView, ProblemStatus } from '../src/contracts/supervision';
import { type Client, describeEachDialect } from './harness';

/**
 * Model-based test (fast-check `fc.commands`) of the problem ledger's rectification loop through the HTTP API:
 * raise → rectify (the village's own user) → startReview → pass (销号) or fail (back to 待整改), with wrong
 * actors (403 before any state check), illegal transitions (409, nothing changed), retries with the same key
 * (a replay, nothing changed) and keys reused with another body (409) — against a small model kept in this
 * file. After every command each problem's status, version (read from the table: no view shows it) and event
 * history must be exactly the model's, and the run's problems must be as many as the model raised.
 *
 * The problems sit at 何庄村 (RML-HZ, 人民路街道) of the demo campaign WX2023: the demo `village` user is its
 * own; `inspector-rml` covers 人民路街道; `street` (龙兴街道) and `inspector` (龙兴街道) do not; judges never.
 */

const UNIT = 'RML-HZ';
const ACTORS = ['admin', 'village', 'inspector-rml', 'street', 'inspector', 'judge'] as const;
type ActorName = (typeof ACTORS)[number];
const RECTIFIERS: readonly ActorName[] = ['admin', 'village'];
const REVIEWERS: readonly ActorName[] = ['admin', 'inspector-rml'];
const RAISERS: readonly ActorName[] = ['admin', 'inspector-rml'];

type Action = 'rectify' | 'startReview' | 'pass' | 'fail';
const STEP: Record<Action, { from: ProblemStatus; to: ProblemStatus; path: string; note: string | null }> = {
  rectify: { from: 'open', to: 'submitted', path: 'rectify', note: '已按要求整改并归档' },
  startReview: { from: 'submitted', to: 'reviewing', path: 'start-review', note: null },
  pass: { from: 'reviewing', to: 'closed', path: 'review', note: null },
  fail: { from: 'reviewing', to: 'open', path: 'review', note: '整改不到位，请继续整改' },
};

interface ModelEvent {
  action: 'raise' | Action;
  from: ProblemStatus | null;
  to: ProblemStatus;
  note: string | null;
  actor: ActorName;
}

interface ModelProblem {
  id: string;
  status: ProblemStatus;
  version: number;
  events: ModelEvent[];
}

/** What a step's key pins: the problem, the action and the note (photos are none here). */
interface StoredStep {
  problem: string;
  action: Action;
  note: string | null;
}

interface StepRequest {
  actor: ActorName;
  problem: number;
  action: Action;
  key: string;
}

interface RaiseRequest {
  actor: ActorName;
  key: string;
  description: string;
}

interface Model {
  problems: ModelProblem[];
  steps: Map<string, StoredStep>;
  /** Raise keys that stored a problem: key → index and description. */
  raises: Map<string, { index: number; description: string }>;
  lastStep: StepRequest | null;
  lastRaise: RaiseRequest | null;
  keyCount: number;
}

interface Real {
  run: number;
  description: string;
}

const seen = new Map<string, number>();
function note(what: string) {
  seen.set(what, (seen.get(what) ?? 0) + 1);
}

function day(days: number): string {
  return chinaDate(new Date(Date.now() + days * 86_400_000).toISOString());
}

describeEachDialect('problem ledger state machine: model-based commands through the API', (env) => {
  const clients = new Map<ActorName, Client>();
  const names = new Map<ActorName, string>();
  let runs = 0;
  const deadline = day(10);

  beforeAll(async () => {
    seen.clear();
    for (const actor of ACTORS) {
      const c = await env().login(actor);
      clients.set(actor, c);
      names.set(
        actor,
        ((await c.get('/api/auth/me')).json() as { user: { displayName: string } }).user.displayName,
      );
    }
  });

  function client(actor: ActorName): Client {
    const c = clients.get(actor);
    if (!c) throw new Error(`no client ${actor}`);
    return c;
  }

  async function compare(m: Model, r: Real): Promise<void> {
    const admin = client('admin');
    for (const p of m.problems) {
      const res = await admin.get(`/api/problems/${p.id}`);
      expect(res.statusCode).toBe(200);
      const d = res.json() as ProblemDetailView;
      const row = await env()
        .database.db.selectFrom('problems')
        .select(['version', 'status'])
        .where('id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect({
        status: d.problem.status,
        stored: row.status,
        version: Number(row.version),
        closed: d.problem.closedAt !== null,
        events: d.events.map((e) => [e.action, e.fromStatus, e.toStatus, e.note, e.actorName]),
      }).toEqual({
        status: p.status,
        stored: p.status,
        version: p.version,
        closed: p.status === 'closed',
        events: p.events.map((e) => [e.action, e.from, e.to, e.note, names.get(e.actor)]),
      });
    }
    const raised = await env()
      .database.db.selectFrom('problems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('description', 'like', `${r.description}%`)
      .executeTakeFirstOrThrow();
    expect(Number(raised.n)).toBe(m.problems.length);
  }

  abstract class Command implements fc.AsyncCommand<Model, Real> {
    abstract readonly label: string;
    abstract check(m: Readonly<Model>): boolean;
    /** Fixes the request from the model (a retry resends the last one), then says what should happen. */
    abstract prepare(m: Model, r: Real): { status: number; apply?: (res: LightMyRequestResponse) => void };
    abstract send(m: Model, r: Real): Promise<LightMyRequestResponse>;
    async run(m: Model, r: Real): Promise<void> {
      const { status, apply } = this.prepare(m, r);
      const res = await this.send(m, r);
      note(`${this.label.split('(')[0]}:${res.statusCode}`);
      expect([this.label, res.statusCode, res.statusCode === status ? '' : res.body]).toEqual([
        this.label,
        status,
        '',
      ]);
      if (status === 200) apply?.(res);
      await compare(m, r);
    }
    toString(): string {
      return this.label;
    }
  }

  type KeyMode = 'fresh' | 'retryLast' | 'reuseLastKey';

  class Raise extends Command {
    private request: RaiseRequest | null = null;
    constructor(
      readonly actor: ActorName,
      readonly keyMode: KeyMode,
    ) {
      super();
    }
    get label() {
      return `raise(${this.actor},${this.keyMode})`;
    }
    check(m: Readonly<Model>) {
      return m.problems.length < 3;
    }
    prepare(m: Model, r: Real) {
      const q: RaiseRequest =
        this.keyMode === 'retryLast' && m.lastRaise
          ? m.lastRaise
          : {
              actor: this.actor,
              key:
                this.keyMode === 'reuseLastKey' && m.lastRaise
                  ? m.lastRaise.key
                  : `pm-raise-${env().dialect}-${r.run}-${++m.keyCount}`,
              // A body of its own, so a reused key is a key reused with another body.
              description: `${r.description} #${m.keyCount}-${m.problems.length}`,
            };
      this.request = q;
      m.lastRaise = q;
      if (!RAISERS.includes(q.actor)) return { status: 403 };
      const stored = m.raises.get(q.key);
      if (stored) return { status: stored.description === q.description ? 200 : 409 };
      return {
        status: 200,
        apply: (res: LightMyRequestResponse) => {
          m.raises.set(q.key, { index: m.problems.length, description: q.description });
          m.problems.push({
            // The one thing the model learns from the system: the new problem's id.
            id: (res.json() as ProblemDetailView).problem.id,
            status: 'open',
            version: 1,
            events: [{ action: 'raise', from: null, to: 'open', note: null, actor: q.actor }],
          });
        },
      };
    }
    async send(m: Model) {
      const q = this.request;
      if (!q) throw new Error('no request');
      const res = await client(q.actor).post('/api/problems', {
        idempotencyKey: q.key,
        campaign: 'WX2023',
        unitCode: UNIT,
        star: 'ZB',
        source: 'supervision',
        description: q.description,
        severity: 'minor',
        deadline,
      });
      if (res.statusCode === 200) {
        const body = res.json() as ProblemDetailView & { replayed?: boolean };
        const stored = m.raises.get(q.key);
        if (stored) {
          note('raise:replayed');
          expect(body.problem.id).toBe(m.problems[stored.index]?.id);
        }
      }
      return res;
    }
  }

  class Step extends Command {
    private request: StepRequest | null = null;
    constructor(
      readonly actor: ActorName,
      readonly problem: number,
      readonly action: Action,
      readonly keyMode: KeyMode,
    ) {
      super();
    }
    get label() {
      return `${this.action}(${this.actor},p${this.problem},${this.keyMode})`;
    }
    check(m: Readonly<Model>) {
      return m.problems.length > 0;
    }
    prepare(m: Model, r: Real) {
      const q: StepRequest =
        this.keyMode === 'retryLast' && m.lastStep
          ? m.lastStep
          : {
              actor: this.actor,
              problem: this.problem % m.problems.length,
              action: this.action,
              key:
                this.keyMode === 'reuseLastKey' && m.lastStep
                  ? m.lastStep.key
                  : `pm-step-${env().dialect}-${r.run}-${++m.keyCount}`,
            };
      this.request = q;
      m.lastStep = q;
      const p = m.problems[q.problem];
      if (!p) throw new Error('no problem');
      const step = STEP[q.action];
      const allowed = q.action === 'rectify' ? RECTIFIERS : REVIEWERS;
      // Authorisation first: a wrong actor learns nothing about the state.
      if (!allowed.includes(q.actor)) return { status: 403 };
      const stored = m.steps.get(q.key);
      if (stored)
        return {
          status:
            stored.problem === p.id && stored.action === q.action && stored.note === step.note ? 200 : 409,
        };
      if (p.status !== step.from) return { status: 409 };
      return {
        status: 200,
        apply: () => {
          m.steps.set(q.key, { problem: p.id, action: q.action, note: step.note });
          p.events.push({ action: q.action, from: p.status, to: step.to, note: step.note, actor: q.actor });
          p.status = step.to;
          p.version += 1;
        },
      };
    }
    async send(m: Model) {
      const q = this.request;
      if (!q) throw new Error('no request');
      const p = m.problems[q.problem];
      const step = STEP[q.action];
      const body =
        q.action === 'rectify'
          ? { idempotencyKey: q.key, note: step.note }
          : q.action === 'startReview'
            ? { idempotencyKey: q.key }
            : {
                idempotencyKey: q.key,
                passed: q.action === 'pass',
                ...(step.note ? { note: step.note } : {}),
              };
      const res = await client(q.actor).post(`/api/problems/${p?.id}/${step.path}`, body);
      if (res.statusCode === 200) {
        const replayed = (res.json() as { replayed?: boolean }).replayed;
        if (m.steps.has(q.key)) note('step:replayed');
        if (replayed !== undefined) expect(replayed).toBe(m.steps.has(q.key));
      }
      return res;
    }
  }

  const actor = fc.constantFrom<ActorName>(
    'admin',
    'admin',
    'village',
    'village',
    'inspector-rml',
    ...ACTORS,
  );
  const keyMode = fc.constantFrom<KeyMode>('fresh', 'fresh', 'fresh', 'retryLast', 'reuseLastKey');
  const action = fc.constantFrom<Action>('rectify', 'startReview', 'pass', 'fail');
  const commands = fc.commands(
    [
      fc.tuple(actor, keyMode).map(([a, k]) => new Raise(a, k)),
      fc.tuple(actor, fc.nat(2), action, keyMode).map(([a, p, s, k]) => new Step(a, p, s, k)),
      fc.tuple(actor, fc.nat(2), action, keyMode).map(([a, p, s, k]) => new Step(a, p, s, k)),
      fc.tuple(actor, fc.nat(2), action, keyMode).map(([a, p, s, k]) => new Step(a, p, s, k)),
    ],
    { maxCommands: 30, size: 'max' },
  );

  /** One problem through the whole loop with every refusal, and a second one left open. */
  function scripted(): Command[] {
    return [
      new Raise('village', 'fresh'),
      new Raise('admin', 'fresh'),
      new Raise('admin', 'retryLast'),
      new Raise('inspector-rml', 'reuseLastKey'),
      new Step('street', 0, 'rectify', 'fresh'),
      new Step('judge', 0, 'rectify', 'fresh'),
      new Step('inspector-rml', 0, 'rectify', 'fresh'),
      new Step('admin', 0, 'startReview', 'fresh'),
      new Step('inspector-rml', 0, 'pass', 'fresh'),
      new Step('village', 0, 'rectify', 'fresh'),
      new Step('village', 0, 'rectify', 'retryLast'),
      new Step('village', 0, 'rectify', 'fresh'),
      new Step('village', 0, 'startReview', 'fresh'),
      new Step('inspector', 0, 'startReview', 'fresh'),
      new Step('inspector-rml', 0, 'startReview', 'fresh'),
      new Step('inspector-rml', 0, 'rectify', 'fresh'),
      new Step('admin', 0, 'fail', 'fresh'),
      new Step('admin', 0, 'fail', 'retryLast'),
      new Step('admin', 0, 'pass', 'reuseLastKey'),
      new Step('admin', 0, 'pass', 'fresh'),
      new Step('admin', 0, 'rectify', 'fresh'),
      new Step('admin', 0, 'startReview', 'fresh'),
      new Raise('inspector-rml', 'fresh'),
      new Step('inspector-rml', 1, 'startReview', 'fresh'),
      new Step('inspector-rml', 0, 'pass', 'fresh'),
      new Step('inspector-rml', 0, 'pass', 'retryLast'),
      new Step('village', 0, 'rectify', 'fresh'),
      new Step('admin', 0, 'startReview', 'fresh'),
      new Step('admin', 0, 'fail', 'fresh'),
      new Step('street', 0, 'pass', 'fresh'),
      new Step('village', 1, 'rectify', 'reuseLastKey'),
      new Step('village', 1, 'rectify', 'fresh'),
    ];
  }

  async function setup(): Promise<{ model: Model; real: Real }> {
    const run = ++runs;
    return {
      model: {
        problems: [],
        steps: new Map(),
        raises: new Map(),
        lastStep: null,
        lastRaise: null,
        keyCount: 0,
      },
      real: { run, description: `模型测试问题 ${env().dialect} 第${run}轮` },
    };
  }

  it('walks problems through the loop the scripted way against the model', async () => {
    await fc.asyncModelRun(setup, scripted());
    for (const outcome of [
      'raise:200',
      'raise:replayed',
      'raise:403',
      'raise:409',
      'rectify:200',
      'rectify:403',
      'rectify:409',
      'startReview:200',
      'startReview:403',
      'startReview:409',
      'pass:200',
      'pass:409',
      'pass:403',
      'fail:200',
      'step:replayed',
    ])
      expect([outcome, (seen.get(outcome) ?? 0) > 0]).toEqual([outcome, true]);
  });

  it('runs random command sequences against the model', async () => {
    await fc.assert(
      fc.asyncProperty(commands, (cmds) => fc.asyncModelRun(setup, cmds)),
      { numRuns: 10, endOnFailure: true },
    );
  }, 600_000);
});
