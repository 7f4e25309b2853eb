import { createDb } from '@wuxing/server/db/createDb';
import { createRepos } from '@wuxing/server/repositories/index';
import { verifyAuditChainWith } from '@wuxing/server/services/audit.service';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/test/harness';
import { type CliTarget, demoTarget } from './cliEnv';
import {
  bundledWuxing,
  freePort,
  type HttpSession,
  httpClient,
  httpSession,
  type ServerProcess,
  startServer,
  type WuxingCommand,
} from './serverProcess';

/**
 * Crash safety (issue 10): a real `wuxing serve` process takes writes of three kinds — units, score entries,
 * problems raised — from several clients at once and is killed with SIGKILL at a random moment, restarted and
 * killed again, KILLS times per database. Afterwards every acknowledged write is there, a write that was cut
 * off is either wholly there or wholly absent (retrying it with its idempotency key makes it count once), each
 * row has its history, events and audit record, no audit record points at nothing, and the chain verifies.
 * The kill moments come from a seeded generator; the seed and delays are printed (WUXING_CRASH_SEED=… replays).
 */

const KILLS = 8;
const WRITERS = 4;
const CAMPAIGN = 'WX2023';
/** Open (December) items a district admin may score by hand. */
const ITEMS = ['DD-ZB-12', 'ND-ZB-12', 'DD-CY-12', 'DD-WM-12'];
const STARS = ['ZB', 'CY', 'ST', 'PA', 'WM'];

/** mulberry32: a small seeded generator, so a failing run can be replayed from its printed seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'unit' | 'score' | 'problem';

/** One write sent to the server and what came back: 'ack' (2xx), a refusal status, or no answer. */
interface Attempt {
  kind: Kind;
  /** The unit code, or the idempotency key of a score entry or problem. */
  key: string;
  path: string;
  body: Record<string, unknown>;
  outcome: 'ack' | 'refused' | 'unanswered';
  status?: number;
  /** The id the answer named (when its body arrived). */
  id?: string;
}

/** Reads what the writes left in the database after the last server has stopped. */
async function inspect(target: CliTarget, prefix: string, auditFrom: number) {
  const database = createDb({
    databaseUrl: target.env.DATABASE_URL || null,
    dataDir: target.dataDir,
  });
  try {
    const db = database.db;
    const units = await db
      .selectFrom('units')
      .select(['id', 'code'])
      .where('code', 'like', `${prefix}U-%`)
      .execute();
    const scores = await db
      .selectFrom('score_entries')
      .select(['id', 'idempotency_key', 'supersedes_id'])
      .where('idempotency_key', 'like', `${prefix}S-%`)
      .execute();
    const problems = await db
      .selectFrom('problems')
      .select(['id', 'idempotency_key', 'number'])
      .where('idempotency_key', 'like', `${prefix}P-%`)
      .execute();
    const history = await db.selectFrom('unit_history').select(['unit_id', 'change']).execute();
    const raiseEvents = await db
      .selectFrom('problem_events')
      .select(['problem_id'])
      .where('action', '=', 'raise')
      .execute();
    const audit = await db
      .selectFrom('audit_log')
      .select(['seq', 'action', 'entity_id'])
      .where('seq', '>', auditFrom)
      .execute();
    const allUnitIds = new Set((await db.selectFrom('units').select('id').execute()).map((r) => r.id));
    const allProblemIds = new Set((await db.selectFrom('problems').select('id').execute()).map((r) => r.id));
    const supersedes = await db
      .selectFrom('score_entries')
      .select('supersedes_id')
      .where('supersedes_id', 'is not', null)
      .execute();
    const numbers = await db.selectFrom('problems').select('number').execute();
    const verification = await verifyAuditChainWith(createRepos(db, database.dialect));
    return {
      units,
      scores,
      problems,
      history,
      raiseEvents,
      audit,
      allUnitIds,
      allProblemIds,
      supersedes,
      numbers,
      verification,
    };
  } finally {
    await database.close();
  }
}

for (const dialect of DIALECTS) {
  describe(`kill -9 at random moments, many times [${dialect}]`, () => {
    const running: ServerProcess[] = [];
    let command: WuxingCommand;
    let target: CliTarget & { drop(): Promise<void> };
    beforeAll(async () => {
      command = await bundledWuxing();
      target = await demoTarget(dialect);
    });
    afterEach(async () => {
      for (const s of running.splice(0)) await s.stop();
    });
    afterAll(async () => {
      command?.remove();
      await target?.drop();
    });

    /** How long each start took until the server answered, for the log. */
    const startMs: number[] = [];
    async function start(): Promise<ServerProcess> {
      const t = Date.now();
      const server = await startServer(target, await freePort(), command);
      startMs.push(Date.now() - t);
      running.push(server);
      return server;
    }

    it(`loses no acknowledged write and half-writes nothing over ${KILLS} kills`, async () => {
      const started = Date.now();
      const seed = Number(process.env.WUXING_CRASH_SEED) || Math.floor(Math.random() * 2 ** 31);
      const random = generator(seed);
      const prefix = `CR${seed.toString(36).toUpperCase()}`;
      const attempts: Attempt[] = [];
      let counter = 0;

      let server = await start();
      const session: HttpSession = await httpSession(server.url, 'admin', 'wuxing2023');
      const ranking = (await (
        await httpClient(server.url, session).get(`/api/campaigns/${CAMPAIGN}/ranking?period=2023-12`)
      ).json()) as { rows: { unitCode: string }[] };
      const campaignUnits = ranking.rows.map((r) => r.unitCode);
      expect(campaignUnits.length).toBeGreaterThan(0);
      const auditFrom = (await inspect(target, prefix, 0)).verification.checked;

      /** A new write of a random kind, with its own code or idempotency key. */
      const nextWrite = (): Attempt => {
        const n = counter++;
        const roll = random();
        const unitCode = campaignUnits[Math.floor(random() * campaignUnits.length)] ?? '';
        if (roll < 0.3) {
          const code = `${prefix}U-${n}`;
          return {
            kind: 'unit',
            key: code,
            path: '/api/units',
            body: { code, name: `崩溃测试村${n}`, type: 'village', parentCode: 'LX' },
            outcome: 'unanswered',
          };
        }
        if (roll < 0.7) {
          const key = `${prefix}S-${n}`;
          return {
            kind: 'score',
            key,
            path: `/api/campaigns/${CAMPAIGN}/scores`,
            body: {
              unitCode,
              itemCode: ITEMS[Math.floor(random() * ITEMS.length)],
              points: Math.floor(random() * 101),
              idempotencyKey: key,
            },
            outcome: 'unanswered',
          };
        }
        const key = `${prefix}P-${n}`;
        return {
          kind: 'problem',
          key,
          path: '/api/problems',
          body: {
            idempotencyKey: key,
            campaign: CAMPAIGN,
            unitCode,
            star: STARS[Math.floor(random() * STARS.length)],
            source: 'supervision',
            description: `崩溃测试发现的问题 ${n}`,
            deadline: '2099-12-31',
          },
          outcome: 'unanswered',
        };
      };

      /** Sends one write; records its outcome (no answer when the server dies first). */
      const send = async (client: ReturnType<typeof httpClient>, a: Attempt): Promise<void> => {
        try {
          const r = await client.post(a.path, a.body);
          a.status = r.status;
          a.outcome = r.ok ? 'ack' : 'refused';
          const answer = (await r.json()) as {
            id?: string;
            entry?: { id: string };
            problem?: { id: string };
          };
          a.id = answer.entry?.id ?? answer.problem?.id ?? answer.id;
        } catch {
          // the server died before (or while) answering: the outcome stays as far as it got
        }
      };

      const delays: number[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        const client = httpClient(server.url, session); // the session outlives every restart
        let stopping = false;
        const writer = async () => {
          while (!stopping) {
            const a = nextWrite();
            attempts.push(a);
            await send(client, a);
          }
        };
        const firstOfRound = attempts.length;
        const writers = Array.from({ length: WRITERS }, writer);
        // The kill lands at a random moment of the writes: 0–400 ms after the round's first acknowledgement
        // (a fresh process answers its first requests slowly, so a delay from the start would often kill it
        // before any write is through).
        const delay = Math.round(random() * 400);
        delays.push(delay);
        while (!attempts.slice(firstOfRound).some((a) => a.outcome === 'ack'))
          await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, delay));
        stopping = true;
        await server.kill9();
        running.pop();
        await Promise.all(writers);
        server = await start();
      }
      console.log(
        `[crash ${dialect}] seed ${seed} (WUXING_CRASH_SEED=${seed} replays it); kills ${delays.join(', ')} ms after each round's first acknowledged write`,
      );

      // Retry every write that got no answer: once more it is either recorded now or replayed, never twice.
      const client = httpClient(server.url, session);
      const unanswered = attempts.filter((a) => a.outcome === 'unanswered');
      for (const a of unanswered) {
        const r = await client.post(a.path, a.body);
        if (a.kind === 'unit') {
          expect([200, 409], `${a.key}`).toContain(r.status);
          if (r.status === 409)
            expect(((await r.json()) as { error: { field: string } }).error.field).toBe('code');
        } else {
          expect(r.status, `${a.key}: ${await r.text()}`).toBe(200);
        }
      }
      // The API agrees with itself after all that.
      const verified = (await (await client.get('/api/audit/verify')).json()) as { ok: boolean };
      expect(verified.ok).toBe(true);
      await server.stop();
      running.pop();

      const acked = attempts.filter((a) => a.outcome === 'ack');
      const byKind = (k: Kind) => acked.filter((a) => a.kind === k);
      console.log(
        `[crash ${dialect}] ${attempts.length} writes: ${acked.length} acknowledged ` +
          `(${byKind('unit').length} units, ${byKind('score').length} scores, ${byKind('problem').length} problems), ` +
          `${unanswered.length} cut off by a kill, ${attempts.length - acked.length - unanswered.length} refused`,
      );
      console.log(
        `[crash ${dialect}] ${((Date.now() - started) / 1000).toFixed(1)} s so far, ${startMs.length} starts of ` +
          `${startMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s`,
      );
      expect(acked.length).toBeGreaterThanOrEqual(KILLS);
      // Nothing was refused: every write was valid, so a refusal would be a failure of its own.
      expect(attempts.filter((a) => a.outcome === 'refused').map((a) => `${a.key} ${a.status}`)).toEqual([]);

      const found = await inspect(target, prefix, auditFrom);
      // 1. Every acknowledged write is there, under the id it was answered with.
      const unitIdByCode = new Map(found.units.map((u) => [u.code, u.id]));
      const scoreIdByKey = new Map(found.scores.map((s) => [s.idempotency_key, s.id]));
      const problemIdByKey = new Map(found.problems.map((p) => [p.idempotency_key, p.id]));
      const idOf = (a: Attempt) =>
        (a.kind === 'unit' ? unitIdByCode : a.kind === 'score' ? scoreIdByKey : problemIdByKey).get(a.key);
      expect(acked.filter((a) => idOf(a) === undefined).map((a) => a.key)).toEqual([]);
      expect(acked.filter((a) => a.id !== undefined && idOf(a) !== a.id).map((a) => a.key)).toEqual([]);
      // Every write sent (acknowledged, or cut off and retried) is there exactly once; nothing else is.
      const sent = new Set(attempts.map((a) => a.key));
      expect(found.units.length + found.scores.length + found.problems.length).toBe(sent.size);
      expect(scoreIdByKey.size).toBe(found.scores.length);
      expect(problemIdByKey.size).toBe(found.problems.length);

      // 2. Nothing half-written: each row has its history or event and its audit record…
      const created = new Set(found.history.filter((h) => h.change === 'created').map((h) => h.unit_id));
      expect(found.units.filter((u) => !created.has(u.id)).map((u) => u.code)).toEqual([]);
      const raised = new Set(found.raiseEvents.map((e) => e.problem_id));
      expect(found.problems.filter((p) => !raised.has(p.id)).map((p) => p.idempotency_key)).toEqual([]);
      const audited = (action: string) =>
        new Set(found.audit.filter((r) => r.action === action).map((r) => r.entity_id));
      const unitAudits = audited('unit.create');
      const scoreAudits = audited('score.enter');
      const problemAudits = audited('problem.raise');
      expect(found.units.filter((u) => !unitAudits.has(u.id)).map((u) => u.code)).toEqual([]);
      expect(found.scores.filter((s) => !scoreAudits.has(s.id)).map((s) => s.idempotency_key)).toEqual([]);
      expect(found.problems.filter((p) => !problemAudits.has(p.id)).map((p) => p.idempotency_key)).toEqual(
        [],
      );
      // …and nothing is an orphan: no audit record, history or event of a row that is not there.
      const scoreIds = new Set(found.scores.map((s) => s.id));
      expect([...unitAudits].filter((id) => !id || !found.allUnitIds.has(id))).toEqual([]);
      expect([...scoreAudits].filter((id) => !id || !scoreIds.has(id))).toEqual([]);
      expect([...problemAudits].filter((id) => !id || !found.allProblemIds.has(id))).toEqual([]);
      expect(found.history.filter((h) => !found.allUnitIds.has(h.unit_id))).toEqual([]);
      expect(found.raiseEvents.filter((e) => !found.allProblemIds.has(e.problem_id))).toEqual([]);
      // A ledger entry is superseded by one entry at most, and problem numbers are never given twice.
      const supersededIds = found.supersedes.map((s) => s.supersedes_id);
      expect(supersededIds.length).toBe(new Set(supersededIds).size);
      const numbers = found.numbers.map((p) => p.number);
      expect(numbers.length).toBe(new Set(numbers).size);
      // 3. The audit chain is whole (what `wuxing audit verify` checks).
      expect(found.verification).toMatchObject({ ok: true, firstBrokenSeq: null });
      console.log(`[crash ${dialect}] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }, 300_000);
  });
}
