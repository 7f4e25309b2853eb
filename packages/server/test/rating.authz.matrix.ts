import { FlagCreateBody, VetoCreateBody } from '../src/contracts/ratings';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import type { ServiceContext } from '../src/services/context';
import { proposeFlag } from '../src/services/flagAward.service';
import { confirmStarRatings } from '../src/services/starRating.service';
import { recordVeto } from '../src/services/veto.service';
import type { Expect, MatrixFixture, MatrixRow } from './authz.matrix';

/**
 * The authorisation matrix rows of flag awards, vetoes and the star-rating list (spread into MATRIX). Each
 * decision gets a fresh pending award or active veto of the demo campaign, made by the system.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
/** Everyone taking part may read; rows are cut to their scope. */
const participants = (n: number): Expect => ({ ...all(n), anonymous: 401, judge: 403 });
/** Only the district admin decides. */
const deciding: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
/** Proposing an award: the district admin, or a street admin for its own villages. */
const proposing: Expect = {
  ...all(403),
  anonymous: 401,
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};

const CAMPAIGN = 'WX2023';
const system = (f: MatrixFixture): ServiceContext => ({ ...f.env.system(), actor: SYSTEM_ACTOR });
const mxKey = (f: MatrixFixture, label: string) => `mx-rating-${label}-${f.next()}`;

async function pendingFlag(f: MatrixFixture, unitCode: string): Promise<string> {
  const { item } = await proposeFlag(
    system(f),
    CAMPAIGN,
    FlagCreateBody.parse({
      idempotencyKey: mxKey(f, 'flag'),
      unitCode,
      star: 'ZB',
      month: '2023-11',
      points: 1,
      title: '矩阵流动红旗',
      reason: '矩阵测试',
    }),
  );
  return item.row.id;
}

async function activeVeto(f: MatrixFixture, unitCode: string): Promise<string> {
  const { item } = await recordVeto(
    system(f),
    CAMPAIGN,
    VetoCreateBody.parse({ idempotencyKey: mxKey(f, 'veto'), unitCode, star: 'ZB', reason: '矩阵测试否决' }),
  );
  return item.row.id;
}

const confirmed = new Set<string>();
/** Makes sure the demo campaign has a confirmed version to read. */
async function ensureConfirmed(f: MatrixFixture): Promise<void> {
  if (confirmed.has(f.env.dialect)) return;
  await confirmStarRatings(system(f), CAMPAIGN, {
    idempotencyKey: mxKey(f, 'confirm'),
    reason: '矩阵测试确认',
  });
  confirmed.add(f.env.dialect);
}

/** One row per route of flag awards, vetoes and star-rating confirmation; spread into MATRIX. */
export const RATING_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/campaigns/:code/flags',
    request: () => ({ method: 'GET', url: `/api/campaigns/${CAMPAIGN}/flags` }),
    expect: participants(200),
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/flags',
    request: (f, actor, scope) => ({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/flags`,
      payload: {
        idempotencyKey: mxKey(f, 'propose'),
        unitCode: f.unitFor(actor, scope),
        star: 'ZB',
        month: '2023-11',
        points: 1,
        title: '矩阵流动红旗',
        reason: '矩阵测试',
      },
    }),
    expect: proposing,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/flags/:id/approve',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/flags/${await pendingFlag(f, f.unitFor(actor, scope))}/approve`,
      payload: {},
    }),
    expect: deciding,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/flags/:id/reject',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/flags/${await pendingFlag(f, f.unitFor(actor, scope))}/reject`,
      payload: { note: '矩阵驳回' },
    }),
    expect: deciding,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/vetoes',
    request: () => ({ method: 'GET', url: `/api/campaigns/${CAMPAIGN}/vetoes` }),
    expect: participants(200),
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/vetoes',
    request: (f, actor, scope) => ({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/vetoes`,
      payload: {
        idempotencyKey: mxKey(f, 'record'),
        unitCode: f.unitFor(actor, scope),
        star: 'ZB',
        reason: '矩阵测试否决',
      },
    }),
    expect: deciding,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/vetoes/:id/revoke',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/vetoes/${await activeVeto(f, f.unitFor(actor, scope))}/revoke`,
      payload: { reason: '矩阵撤销' },
    }),
    expect: deciding,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/star-ratings',
    request: () => ({ method: 'GET', url: `/api/campaigns/${CAMPAIGN}/star-ratings` }),
    expect: participants(200),
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/star-ratings/confirm',
    request: (f) => ({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/star-ratings/confirm`,
      payload: { idempotencyKey: mxKey(f, 'confirm'), reason: '矩阵测试确认' },
    }),
    expect: deciding,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/star-ratings/confirmed',
    request: async (f) => {
      await ensureConfirmed(f);
      return { method: 'GET', url: `/api/campaigns/${CAMPAIGN}/star-ratings/confirmed` };
    },
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/star-ratings/export',
    request: () => ({ method: 'GET', url: `/api/campaigns/${CAMPAIGN}/star-ratings/export?format=csv` }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/star-ratings/certificates',
    request: () => ({ method: 'GET', url: `/api/campaigns/${CAMPAIGN}/star-ratings/certificates` }),
    expect: participants(200),
  },
];
