import { newId } from '../src/lib/ids';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of 预警 warnings (spread into MATRIX), on the demo campaign WX2023: a matrix
 * evaluation of 2023-Q4 with a warning for each unit the matrix points at (LX-LX, RML-HZ), made once per database.
 */

const CAMPAIGN = 'WX2023';
const base = `/api/campaigns/${CAMPAIGN}`;
const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
/** District and street admins and village users (rows cut to their part of the tree). */
const listing: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: 200,
  street_admin: 200,
  district_admin: 200,
};
const managing: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
/** One unit's warning: whoever's part of the tree covers the unit (inspectors and judges never). */
const unitReading: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};
/** Talks and help measures: the unit's street admin, and district admins. */
const followingUp: Expect = {
  ...all(403),
  anonymous: 401,
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};

const mxKey = (f: MatrixFixture, label: string) => `mx-warn-${label}-${f.next()}`;
const ready = new Map<string, Map<string, string>>();

/** The matrix warning of a unit (made with the others on first use); returns its id. */
async function warningOf(f: MatrixFixture, unitCode: string): Promise<string> {
  let ids = ready.get(f.env.dialect);
  if (!ids) {
    ids = new Map();
    const repos = f.env.system().repos;
    const campaign = await repos.campaigns.findByCode(CAMPAIGN);
    if (!campaign) throw new Error('no demo campaign');
    const evaluationId = newId();
    await repos.warnings.insertEvaluation({
      id: evaluationId,
      campaign_id: campaign.id,
      period: '2023-Q4',
      sequence: 99,
      as_of: '2023-12-31',
      rules: '{}',
      raised: 2,
      kept: 0,
      updated: 0,
      lifted: 0,
      evaluated_by: null,
      evaluated_by_name: '矩阵',
      evaluated_at: '2024-01-05T02:00:00.000Z',
      idempotency_key: mxKey(f, 'eval'),
      fingerprint: 'mx',
    });
    for (const code of ['LX-LX', 'RML-HZ']) {
      const id = newId();
      await repos.warnings.insert({
        id,
        campaign_id: campaign.id,
        unit_id: await f.unitId(code),
        period: '2023-Q4',
        level: 'yellow',
        reasons: 'bottom',
        rank: 20,
        total: 20,
        score: 10,
        rate: 70,
        overdue: 0,
        bottom_cutoff_rank: 18,
        status: 'active',
        raised_evaluation_id: evaluationId,
        raised_at: '2024-01-05T02:00:00.000Z',
        raised_on: '2024-01-05',
        talk_due_on: '2024-01-15',
        checked_evaluation_id: evaluationId,
        lifted_evaluation_id: null,
        lifted_at: null,
        lifted_on: null,
        lift_reason: null,
      });
      ids.set(code, id);
    }
    ready.set(f.env.dialect, ids);
  }
  const id = ids.get(unitCode);
  if (!id) throw new Error(`no matrix warning for ${unitCode}`);
  return id;
}

const forUnit = async (f: MatrixFixture, actor: MatrixActor, scope: Scope) =>
  `${base}/warnings/${await warningOf(f, f.unitFor(actor, scope))}`;

/** One row per warning route; spread into MATRIX. */
export const WARNING_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/campaigns/:code/warning-rules',
    request: () => ({ method: 'GET', url: `${base}/warning-rules` }),
    expect: listing,
  },
  {
    method: 'PUT',
    url: '/api/campaigns/:code/warning-rules',
    request: () => ({
      method: 'PUT',
      url: `${base}/warning-rules`,
      payload: { bottomN: 3, overdueMin: 3, redRateBelow: 60, talkDays: 10 },
    }),
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/warnings',
    request: () => ({ method: 'GET', url: `${base}/warnings` }),
    expect: listing,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/warnings/preview',
    request: () => ({ method: 'GET', url: `${base}/warnings/preview?period=2023-Q1` }),
    expect: managing,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/warnings/evaluate',
    request: (f) => ({
      method: 'POST',
      url: `${base}/warnings/evaluate`,
      payload: { idempotencyKey: mxKey(f, 'evaluate'), period: '2023-Q1' },
    }),
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/warnings/:id',
    request: async (f, actor, scope) => ({ method: 'GET', url: await forUnit(f, actor, scope) }),
    expect: unitReading,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/warnings/:id/talks',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${await forUnit(f, actor, scope)}/talks`,
      payload: {
        idempotencyKey: mxKey(f, 'talk'),
        talkedOn: '2024-01-10',
        talker: '矩阵谈话人',
        talkee: '矩阵谈话对象',
        agreed: '矩阵约定',
      },
    }),
    expect: followingUp,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/warnings/:id/measures',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${await forUnit(f, actor, scope)}/measures`,
      payload: { idempotencyKey: mxKey(f, 'measure'), text: '矩阵帮扶措施' },
    }),
    expect: followingUp,
  },
];
