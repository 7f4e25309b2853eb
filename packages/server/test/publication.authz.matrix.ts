import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import type { ServiceContext } from '../src/services/context';
import { fileObjection, publishResults } from '../src/services/publication.service';
import type { Expect, MatrixFixture, MatrixRow } from './authz.matrix';

/**
 * The authorisation matrix rows of 公示 publications (spread into MATRIX): the demo's GS-2023-001 (window long
 * closed) for reads and versions, a 2023-Q2 publication made today (window open) for objections, and a fresh
 * pending objection for each decision.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const loggedIn = (n: number): Expect => ({ ...all(n), anonymous: 401 });
const managing: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
/** The unit's own users and its street admin (district admins may record one for anybody). */
const objecting: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};

const system = (f: MatrixFixture): ServiceContext => ({ ...f.env.system(), actor: SYSTEM_ACTOR });
const mxKey = (f: MatrixFixture, label: string) => `mx-pub-${label}-${f.next()}`;

async function demoPublication(f: MatrixFixture): Promise<{ id: string; token: string }> {
  const row = await system(f).repos.publications.findByIdempotencyKey('demo-publication-2023-Q1');
  if (!row) throw new Error('no demo publication');
  return { id: row.id, token: row.token };
}

const open = new Map<string, string>();
/** A publication of 2023-Q2 made now, so its objection window is open; made once per database. */
async function openPublication(f: MatrixFixture): Promise<string> {
  const known = open.get(f.env.dialect);
  if (known) return known;
  const { item } = await publishResults(system(f), {
    idempotencyKey: 'mx-pub-open',
    campaignCode: 'WX2023',
    period: '2023-Q2',
    scope: 'internal',
    publisher: '区委组织部',
    contact: '矩阵联系人',
    windowDays: 5,
  });
  open.set(f.env.dialect, item.row.id);
  return item.row.id;
}

/** A fresh pending objection on the open publication. */
async function pendingObjection(f: MatrixFixture): Promise<{ id: string; objectionId: string }> {
  const id = await openPublication(f);
  const { objection } = await fileObjection(system(f), id, {
    idempotencyKey: mxKey(f, 'obj'),
    unitCode: 'LX-LX',
    reason: '矩阵异议',
    photoKeys: [],
  });
  return { id, objectionId: objection.row.id };
}

/** One row per route of publications; spread into MATRIX. */
export const PUBLICATION_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/publications',
    request: () => ({ method: 'GET', url: '/api/publications' }),
    expect: loggedIn(200),
  },
  {
    method: 'POST',
    url: '/api/publications',
    request: (f) => ({
      method: 'POST',
      url: '/api/publications',
      payload: {
        idempotencyKey: mxKey(f, 'publish'),
        campaignCode: 'WX2023',
        period: '2023-Q3',
        scope: 'public',
        contact: '矩阵联系人',
      },
    }),
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/publications/:id',
    request: async (f) => ({ method: 'GET', url: `/api/publications/${(await demoPublication(f)).id}` }),
    expect: loggedIn(200),
  },
  {
    method: 'GET',
    url: '/api/publications/:id/diff',
    request: async (f) => ({
      method: 'GET',
      url: `/api/publications/${(await demoPublication(f)).id}/diff?from=1&to=2`,
    }),
    expect: loggedIn(200),
  },
  {
    method: 'POST',
    url: '/api/publications/:id/versions',
    request: async (f) => ({
      method: 'POST',
      url: `/api/publications/${(await demoPublication(f)).id}/versions`,
      payload: { idempotencyKey: mxKey(f, 'version'), reason: '矩阵新版本' },
    }),
    expect: managing,
  },
  {
    method: 'POST',
    url: '/api/publications/:id/objections',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/publications/${await openPublication(f)}/objections`,
      payload: { idempotencyKey: mxKey(f, 'file'), unitCode: f.unitFor(actor, scope), reason: '矩阵异议' },
    }),
    expect: objecting,
  },
  {
    method: 'POST',
    url: '/api/publications/:id/objections/:objectionId/reject',
    request: async (f) => {
      const { id, objectionId } = await pendingObjection(f);
      return {
        method: 'POST',
        url: `/api/publications/${id}/objections/${objectionId}/reject`,
        payload: { reason: '矩阵不予采纳' },
      };
    },
    expect: managing,
  },
  {
    method: 'POST',
    url: '/api/publications/:id/objections/:objectionId/accept',
    request: async (f) => {
      const { id, objectionId } = await pendingObjection(f);
      return {
        method: 'POST',
        url: `/api/publications/${id}/objections/${objectionId}/accept`,
        payload: { idempotencyKey: mxKey(f, 'accept'), reason: '矩阵采纳' },
      };
    },
    expect: managing,
  },
  {
    // Object level: an objection of one publication decided through another publication's URL: 404.
    method: 'POST',
    url: '/api/publications/:id/objections/:objectionId/reject',
    request: async (f) => {
      const { objectionId } = await pendingObjection(f);
      return {
        method: 'POST',
        url: `/api/publications/${(await demoPublication(f)).id}/objections/${objectionId}/reject`,
        payload: { reason: '矩阵不予采纳' },
      };
    },
    expect: { ...managing, district_admin: 404 },
  },
  {
    method: 'POST',
    url: '/api/publications/:id/objections/:objectionId/accept',
    request: async (f) => {
      const { objectionId } = await pendingObjection(f);
      return {
        method: 'POST',
        url: `/api/publications/${(await demoPublication(f)).id}/objections/${objectionId}/accept`,
        payload: { idempotencyKey: mxKey(f, 'accept'), reason: '矩阵采纳' },
      };
    },
    expect: { ...managing, district_admin: 404 },
  },
  {
    method: 'GET',
    url: '/api/public/publications/:token',
    request: async (f) => ({
      method: 'GET',
      url: `/api/public/publications/${(await demoPublication(f)).token}`,
    }),
    expect: all(200),
  },
];
