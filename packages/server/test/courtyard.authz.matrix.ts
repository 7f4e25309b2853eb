import { CreateHouseholdBody, SubmitCourtyardEvaluationBody } from '../src/contracts/courtyard';
import type { ServiceContext } from '../src/services/context';
import { applyCourtyard, confirmCourtyard } from '../src/services/courtyard.service';
import { nominateCourtyard, submitCourtyardEvaluation } from '../src/services/courtyardEvaluation.service';
import { createHousehold } from '../src/services/household.service';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of 五美庭院 (spread into MATRIX), on the demo's open campaign WM-2023. Every write
 * gets a fresh household in the state it needs, made by the system (a district admin) in a village inside or
 * outside the actor's part of the tree: 何庄村 for the village user, 龙兴村 for the street admin and the inspector.
 */

const CAMPAIGN = 'WM-2023';
const base = `/api/courtyard-campaigns/${CAMPAIGN}`;
const VILLAGE: Record<MatrixActor, { in: string; out: string }> = {
  anonymous: { in: 'LX-LX', out: 'RML-HZ' },
  village_user: { in: 'RML-HZ', out: 'LX-LX' },
  street_admin: { in: 'LX-LX', out: 'RML-HZ' },
  inspector: { in: 'LX-LX', out: 'RML-HZ' },
  judge: { in: 'LX-LX', out: 'RML-HZ' },
  district_admin: { in: 'LX-LX', out: 'RML-HZ' },
};

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
/** Everyone with a part of the tree may read; rows are cut to it. */
const participants: Expect = { ...all(200), anonymous: 401, judge: 403 };
const managing: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
/** One household: whoever's part of the tree covers it. */
const householdReading: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};
/** The household's village (village users) or street (street admins), and district admins. */
const villageOrStreet: Expect = { ...householdReading, inspector: 403 };
/** Scoring: the street admin of its street, inspectors assigned to it, district admins. */
const evaluating: Expect = { ...householdReading, village_user: 403 };
/** Applying: the village's own users (and district admins). */
const villageOnly: Expect = { ...villageOrStreet, street_admin: 403 };

const sys = (f: MatrixFixture): ServiceContext => f.env.system();

type Stage = 'fresh' | 'applied' | 'village_confirmed' | 'street_confirmed' | 'evaluated' | 'village_level';

/** A new household in the actor's (or another) village, brought to `stage` by the system. */
async function household(f: MatrixFixture, actor: MatrixActor, scope: Scope, stage: Stage): Promise<string> {
  const ctx = sys(f);
  const n = f.next();
  const h = await createHousehold(
    ctx,
    CreateHouseholdBody.parse({
      villageCode: VILLAGE[actor][scope],
      headName: `矩阵${n}`,
      address: `矩阵路${n}号`,
    }),
  );
  if (stage === 'fresh') return h.code;
  await applyCourtyard(ctx, CAMPAIGN, { householdCodes: [h.code], confirm: stage !== 'applied' });
  if (stage === 'applied' || stage === 'village_confirmed') return h.code;
  await confirmCourtyard(ctx, CAMPAIGN, h.code, { stage: 'street' });
  if (stage === 'street_confirmed') return h.code;
  await submitCourtyardEvaluation(
    ctx,
    CAMPAIGN,
    h.code,
    SubmitCourtyardEvaluationBody.parse({
      idempotencyKey: `matrix-eval-${h.code}`,
      scores: { ZJ: 18, WS: 18, LH: 18, WM: 18, HX: 18 },
    }),
  );
  if (stage === 'evaluated') return h.code;
  await nominateCourtyard(ctx, CAMPAIGN, h.code, { level: 'village' });
  return h.code;
}

const households = '/api/households';
let campaignCounter = 0;

export const COURTYARD_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: households,
    request: () => ({ method: 'GET', url: `${households}?pageSize=5` }),
    expect: participants,
  },
  {
    method: 'GET',
    url: `${households}/template`,
    request: () => ({ method: 'GET', url: `${households}/template` }),
    expect: participants,
  },
  {
    // No file: those allowed to import are told to choose one (400); the rest are refused first.
    method: 'POST',
    url: `${households}/import`,
    request: () => ({ method: 'POST', url: `${households}/import` }),
    expect: { ...all(400), anonymous: 401, inspector: 403, judge: 403 },
  },
  {
    method: 'GET',
    url: `${households}/:code`,
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `${households}/${await household(f, actor, scope, 'fresh')}`,
    }),
    expect: householdReading,
  },
  {
    method: 'POST',
    url: households,
    request: (f, actor, scope) => ({
      method: 'POST',
      url: households,
      payload: { villageCode: VILLAGE[actor][scope], headName: `新户${f.next()}`, address: '新村路1号' },
    }),
    expect: villageOrStreet,
  },
  {
    method: 'PATCH',
    url: `${households}/:code`,
    request: async (f, actor, scope) => ({
      method: 'PATCH',
      url: `${households}/${await household(f, actor, scope, 'fresh')}`,
      payload: { address: '改后地址8号' },
    }),
    expect: villageOrStreet,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns',
    request: () => ({ method: 'GET', url: '/api/courtyard-campaigns' }),
    expect: participants,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns',
    request: () => {
      campaignCounter += 1;
      return {
        method: 'POST',
        url: '/api/courtyard-campaigns',
        payload: { code: `WM-MX${campaignCounter}-${Date.now()}`, year: 2030, name: '矩阵创建' },
      };
    },
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns/:code',
    request: () => ({ method: 'GET', url: base }),
    expect: participants,
  },
  {
    method: 'PATCH',
    url: '/api/courtyard-campaigns/:code',
    request: () => ({ method: 'PATCH', url: base, payload: { name: '2023年度五美庭院创建' } }),
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns/:code/applications',
    request: () => ({ method: 'GET', url: `${base}/applications?pageSize=5` }),
    expect: participants,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/applications',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/applications`,
      payload: { householdCodes: [await household(f, actor, scope, 'fresh')] },
    }),
    expect: villageOnly,
  },
  {
    // The village user confirms the village stage; everyone else tries the street stage.
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/applications/:householdCode/confirm',
    request: async (f, actor, scope) => {
      const stage = actor === 'village_user' ? 'village' : 'street';
      const code = await household(f, actor, scope, stage === 'village' ? 'applied' : 'village_confirmed');
      return { method: 'POST', url: `${base}/applications/${code}/confirm`, payload: { stage } };
    },
    expect: villageOrStreet,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/applications/:householdCode/reject',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/applications/${await household(f, actor, scope, 'applied')}/reject`,
      payload: { reason: '材料不全' },
    }),
    expect: villageOrStreet,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns/:code/evaluations/todo',
    request: () => ({ method: 'GET', url: `${base}/evaluations/todo` }),
    expect: participants,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns/:code/households/:householdCode',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `${base}/households/${await household(f, actor, scope, 'applied')}`,
    }),
    expect: householdReading,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/households/:householdCode/evaluations',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/households/${await household(f, actor, scope, 'street_confirmed')}/evaluations`,
      payload: {
        idempotencyKey: `matrix-${actor}-${scope}-${f.next()}`,
        scores: { ZJ: 17, WS: 18, LH: 16.5, WM: 19, HX: 20 },
      },
    }),
    expect: evaluating,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/households/:householdCode/nominate',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/households/${await household(f, actor, scope, 'evaluated')}/nominate`,
      payload: { level: 'village' },
    }),
    expect: villageOrStreet,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/households/:householdCode/demote',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/households/${await household(f, actor, scope, 'village_level')}/demote`,
      payload: { level: 'none', reason: '复评未达标' },
    }),
    expect: villageOrStreet,
  },
  {
    method: 'POST',
    url: '/api/courtyard-campaigns/:code/households/:householdCode/awards',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/households/${await household(f, actor, scope, 'village_level')}/awards`,
      payload: { kind: 'plaque', description: '村级五美庭院', givenOn: '2023-12-20' },
    }),
    expect: villageOrStreet,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns/:code/stats',
    request: () => ({ method: 'GET', url: `${base}/stats` }),
    expect: participants,
  },
  {
    method: 'GET',
    url: '/api/courtyard-campaigns/:code/ceremony',
    request: () => ({ method: 'GET', url: `${base}/ceremony` }),
    expect: participants,
  },
];
