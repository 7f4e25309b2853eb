import { chinaDate } from '@wuxing/core';
import { RaiseProblemBody } from '../src/contracts/supervision';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import { newId } from '../src/lib/ids';
import type { ServiceContext } from '../src/services/context';
import { raiseProblem, rectifyProblem, startReview } from '../src/services/problem.service';
import type { Expect, MatrixFixture, MatrixRow } from './authz.matrix';

/**
 * The authorisation matrix rows of the problem ledger, its statistics and notices (spread into MATRIX). Each
 * write gets a fresh problem in the state it needs, at a unit inside or outside the actor's part of the tree.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
/** Everyone taking part may ask; rows are cut to their scope. */
const participants = (n: number): Expect => ({ ...all(n), anonymous: 401, judge: 403 });
/** One problem's page: inside the actor's part of the tree only. */
const unitRead: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};
/** Raising, looking back and closing: inspectors on covered units, street admins in their street. */
const supervising: Expect = { ...unitRead, village_user: 403 };
/** Rectifying: the unit's own users (and district admins). */
const rectifying: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  district_admin: 200,
};

const system = (f: MatrixFixture): ServiceContext => ({ ...f.env.system(), actor: SYSTEM_ACTOR });
const tomorrow = () => chinaDate(new Date(Date.now() + 86_400_000).toISOString());
const mxKey = (f: MatrixFixture, label: string) => `mx-problem-${label}-${f.next()}`;

/** A fresh problem of the demo campaign at a unit, moved on to the wanted state by the district. */
async function problemAt(
  f: MatrixFixture,
  unitCode: string,
  state: 'open' | 'submitted' | 'reviewing',
): Promise<string> {
  const ctx = system(f);
  const { detail } = await raiseProblem(
    ctx,
    RaiseProblemBody.parse({
      idempotencyKey: mxKey(f, 'raise'),
      campaign: 'WX2023',
      unitCode,
      star: 'ZB',
      source: 'supervision',
      description: '矩阵测试问题',
      deadline: tomorrow(),
    }),
  );
  const id = detail.item.row.id;
  if (state === 'open') return id;
  await rectifyProblem(ctx, id, { idempotencyKey: mxKey(f, 'rectify'), note: '已整改', photoKeys: [] });
  if (state === 'submitted') return id;
  await startReview(ctx, id, { idempotencyKey: mxKey(f, 'start') });
  return id;
}

/** A stored photo of a unit (as if uploaded there); returns its client key. */
async function photoAt(f: MatrixFixture, unitCode: string): Promise<string> {
  const key = mxKey(f, 'photo');
  await system(f).repos.photos.insert({
    id: newId(),
    idempotency_key: key,
    unit_id: await f.unitId(unitCode),
    sha256: 'b'.repeat(64),
    mime: 'image/jpeg',
    bytes: 1000,
    width: 64,
    height: 48,
    file: `photos/mx/${key}.jpg`,
    thumb_file: `photos/mx/${key}-thumb.jpg`,
    taken_at: null,
    latitude: null,
    longitude: null,
    uploaded_by: 'system',
    uploaded_by_name: '矩阵',
    uploaded_at: new Date().toISOString(),
  });
  return key;
}

const readable = new Map<string, string>();
/** One open problem per unit for the read rows, made on first use. */
async function readableAt(f: MatrixFixture, unitCode: string): Promise<string> {
  const key = `${f.env.dialect}:${unitCode}`;
  let id = readable.get(key);
  if (!id) {
    id = await problemAt(f, unitCode, 'open');
    readable.set(key, id);
  }
  return id;
}

const rounds = new Map<string, string>();
/** A round of the demo campaign to ask a notice of (a demo round, or one made on first use). */
async function noticeRound(f: MatrixFixture): Promise<string> {
  const known = rounds.get(f.env.dialect);
  if (known) return known;
  const db = f.env.database.db;
  const campaign = await system(f).repos.campaigns.findByCode('WX2023');
  if (!campaign) throw new Error('no demo campaign');
  const now = new Date().toISOString();
  const templateId = newId();
  const roundId = newId();
  await db
    .insertInto('sheet_templates')
    .values({
      id: templateId,
      campaign_id: campaign.id,
      code: `MX-NOTICE-${f.next()}`,
      name: '矩阵评分表',
      module: 'DD',
      rule: 'mean',
      demo: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('inspection_rounds')
    .values({
      id: roundId,
      campaign_id: campaign.id,
      number: `MX-NOTICE-${f.next()}`,
      name: '矩阵督导',
      kind: 'supervision',
      mode: 'regular',
      month: '2023-12',
      template_id: templateId,
      scored: 0,
      scope_unit_id: null,
      status: 'open',
      starts_on: '2023-12-01',
      ends_on: '2023-12-31',
      demo: 0,
      created_by: null,
      created_by_name: null,
      created_at: now,
      closed_at: null,
    })
    .execute();
  rounds.set(f.env.dialect, roundId);
  return roundId;
}

/** One row per route of the problem ledger, statistics and notices; spread into MATRIX. */
export const PROBLEM_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/problems',
    request: () => ({ method: 'GET', url: '/api/problems?campaign=WX2023' }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/problems/export',
    request: () => ({ method: 'GET', url: '/api/problems/export?format=csv' }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/problems/stats',
    request: () => ({ method: 'GET', url: '/api/problems/stats?campaign=WX2023&level=village' }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/problems/stats/export',
    request: () => ({ method: 'GET', url: '/api/problems/stats/export?campaign=WX2023' }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/problems/:id',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/problems/${await readableAt(f, f.unitFor(actor, scope))}`,
    }),
    expect: unitRead,
  },
  {
    method: 'POST',
    url: '/api/problems',
    request: (f, actor, scope) => ({
      method: 'POST',
      url: '/api/problems',
      payload: {
        idempotencyKey: mxKey(f, 'raise'),
        campaign: 'WX2023',
        unitCode: f.unitFor(actor, scope),
        star: 'ZB',
        source: 'supervision',
        description: '矩阵提出的问题',
        deadline: tomorrow(),
      },
    }),
    expect: supervising,
  },
  {
    method: 'POST',
    url: '/api/problems/:id/rectify',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/problems/${await problemAt(f, f.unitFor(actor, scope), 'open')}/rectify`,
      payload: { idempotencyKey: mxKey(f, 'rectify'), note: '已整改' },
    }),
    expect: rectifying,
  },
  {
    // Object level: evidence is the unit's own uploads — another village's photo named on one's own problem
    // is refused (400 photoKeys).
    method: 'POST',
    url: '/api/problems/:id/rectify',
    request: async (f, actor, scope) => {
      const id = await problemAt(f, f.unitFor(actor, 'in'), 'open');
      return {
        method: 'POST',
        url: `/api/problems/${id}/rectify`,
        payload: {
          idempotencyKey: mxKey(f, 'rectify'),
          note: '已整改',
          photoKeys: [await photoAt(f, f.unitFor(actor, scope))],
        },
      };
    },
    expect: { ...rectifying, village_user: { in: 200, out: 400 } },
  },
  {
    method: 'POST',
    url: '/api/problems/:id/start-review',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/problems/${await problemAt(f, f.unitFor(actor, scope), 'submitted')}/start-review`,
      payload: { idempotencyKey: mxKey(f, 'start') },
    }),
    expect: supervising,
  },
  {
    method: 'POST',
    url: '/api/problems/:id/review',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/problems/${await problemAt(f, f.unitFor(actor, scope), 'reviewing')}/review`,
      payload: { idempotencyKey: mxKey(f, 'review'), passed: true },
    }),
    expect: supervising,
  },
  {
    method: 'GET',
    url: '/api/rounds/:id/notice',
    request: async (f) => ({ method: 'GET', url: `/api/rounds/${await noticeRound(f)}/notice` }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/rounds/:id/notice/export',
    request: async (f) => ({ method: 'GET', url: `/api/rounds/${await noticeRound(f)}/notice/export` }),
    expect: participants(200),
  },
];
