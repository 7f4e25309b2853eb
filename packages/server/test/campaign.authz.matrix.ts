import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import { createCampaign, createItem } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { enterScore } from '../src/services/score.service';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of the campaign routes (spread into MATRIX). They point at the demo campaign
 * WX2023 (January–November locked, December open) and at small campaigns made on first use.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const participants = (n: number): Expect => ({ ...all(n), anonymous: 401, judge: 403 });
const adminOnly = (ok: number): Expect => ({ ...all(403), anonymous: 401, district_admin: ok });
/** Reading one unit's campaign data: inside the actor's part of the tree only. */
const unitRead: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};
/** Entering scores: district admins anywhere, inspectors on assigned units. */
const scoring: Expect = { ...adminOnly(200), inspector: { in: 200, out: 403 } };
/** Deciding targets: district admins anywhere, street admins for their villages. */
const deciding: Expect = { ...adminOnly(200), street_admin: { in: 200, out: 403 } };

const DEMO = 'WX2023';
const base = '/api/campaigns';

function system(f: MatrixFixture): ServiceContext {
  return { ...f.env.system(), actor: SYSTEM_ACTOR };
}

/** A campaign with no locked month, made once per database (items can be added and removed). */
async function openCampaign(f: MatrixFixture, code: string): Promise<string> {
  const ctx = system(f);
  if (!(await ctx.repos.campaigns.findByCode(code)))
    await createCampaign(ctx, { code, name: `矩阵${code}`, year: 2025, template: 'five-star' });
  return code;
}

/** A unit of the demo campaign inside or outside the actor's part of the tree. */
function unit(f: MatrixFixture, actor: MatrixActor, scope: Scope): string {
  return f.unitFor(actor, scope);
}

/** Puts a declaration of the unit in the queue so there is something to decide. */
async function pendingDeclaration(f: MatrixFixture, unitCode: string): Promise<void> {
  const ctx = system(f);
  const campaign = await ctx.repos.campaigns.findByCode(DEMO);
  const u = await ctx.repos.units.findByCode(unitCode);
  if (!campaign || !u) throw new Error('demo campaign or unit missing');
  await ctx.repos.targets.deleteForUnit(campaign.id, u.id, ['declared']);
  await ctx.repos.targets.insertMany(
    ['ZB', 'CY'].map((star) => ({
      id: `mx-${f.next()}`,
      campaign_id: campaign.id,
      unit_id: u.id,
      star,
      status: 'declared',
      declared_by: null,
      declared_at: ctx.now,
      decided_by: null,
      decided_at: null,
      note: null,
    })),
  );
}

const demoModules = [
  { code: 'RC', name: '日常任务', budget: 30, kind: 'plan' },
  { code: 'DD', name: '督导观摩', budget: 40, kind: 'plan' },
  { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
  { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
];
const demoStars = [
  { code: 'ZB', name: '支部过硬星' },
  { code: 'CY', name: '产业兴旺星' },
  { code: 'ST', name: '生态宜居星' },
  { code: 'PA', name: '平安法治星' },
  { code: 'WM', name: '文明幸福星' },
];

/** One row per campaign route; spread into MATRIX so the matrix test covers them. */
export const CAMPAIGN_MATRIX: MatrixRow[] = [
  { method: 'GET', url: base, request: () => ({ method: 'GET', url: base }), expect: participants(200) },
  {
    method: 'POST',
    url: base,
    request: (f) => ({
      method: 'POST',
      url: base,
      payload: { code: `MXC-${f.next()}`, name: '矩阵方案', year: 2025 },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: `${base}/import`,
    request: (f) => {
      const doc = JSON.stringify({ 方案: [{ 编码: `MXI-${f.next()}`, 名称: '矩阵导入', 年度: 2024 }] });
      const boundary = 'matrixcampaignboundary';
      return {
        method: 'POST',
        url: `${base}/import`,
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="campaign.json"\r\n\r\n${doc}\r\n--${boundary}--\r\n`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    },
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: `${base}/:code`,
    request: () => ({ method: 'GET', url: `${base}/${DEMO}` }),
    expect: participants(200),
  },
  {
    method: 'PATCH',
    url: `${base}/:code`,
    request: (f) => ({
      method: 'PATCH',
      url: `${base}/${DEMO}`,
      payload: { name: `2023年度五星支部创建（${f.next()}）` },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    url: `${base}/:code/stars`,
    request: () => ({ method: 'PUT', url: `${base}/${DEMO}/stars`, payload: { stars: demoStars } }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    url: `${base}/:code/modules`,
    request: () => ({ method: 'PUT', url: `${base}/${DEMO}/modules`, payload: { modules: demoModules } }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: `${base}/:code/items`,
    request: async (f) => ({
      method: 'POST',
      url: `${base}/${await openCampaign(f, 'MXOPEN')}/items`,
      payload: {
        code: `MXI-${f.next()}`,
        name: '矩阵指标',
        star: 'ZB',
        module: 'RC',
        month: '2025-03',
        max: 10,
      },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'PATCH',
    url: `${base}/:code/items/:itemCode`,
    request: (f) => ({
      method: 'PATCH',
      url: `${base}/${DEMO}/items/RC-ZB-01`,
      payload: { name: `1月日常任务${f.next()}` },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'DELETE',
    url: `${base}/:code/items/:itemCode`,
    request: async (f) => {
      const code = await openCampaign(f, 'MXOPEN');
      const itemCode = `MXD-${f.next()}`;
      await createItem(system(f), code, {
        code: itemCode,
        name: '待删指标',
        star: 'ZB',
        module: 'RC',
        month: '2025-04',
        max: 5,
      });
      return { method: 'DELETE', url: `${base}/${code}/items/${itemCode}` };
    },
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: `${base}/:code/locks`,
    request: async (f) => ({
      method: 'POST',
      url: `${base}/${await openCampaign(f, 'MXLOCK')}/locks`,
      payload: { month: `2025-${String((f.next() % 12) + 1).padStart(2, '0')}` },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: `${base}/:code/export`,
    request: () => ({ method: 'GET', url: `${base}/${DEMO}/export?format=json` }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: `${base}/:code/targets`,
    request: () => ({ method: 'GET', url: `${base}/${DEMO}/targets` }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: `${base}/:code/targets/:unitCode`,
    request: (f, actor, scope) => ({
      method: 'GET',
      url: `${base}/${DEMO}/targets/${unit(f, actor, scope)}`,
    }),
    expect: unitRead,
  },
  {
    method: 'PUT',
    url: `${base}/:code/targets/:unitCode`,
    request: (f, actor, scope) => ({
      method: 'PUT',
      url: `${base}/${DEMO}/targets/${unit(f, actor, scope)}`,
      // The demo has locked months, so a direct change is a correction with a reason.
      payload: { stars: ['ZB', 'CY'], reason: '矩阵测试更正目标' },
    }),
    expect: { ...adminOnly(200), village_user: { in: 200, out: 403 } },
  },
  {
    method: 'POST',
    url: `${base}/:code/targets/:unitCode/approve`,
    request: async (f, actor, scope) => {
      const code = unit(f, actor, scope);
      await pendingDeclaration(f, code);
      return {
        method: 'POST',
        url: `${base}/${DEMO}/targets/${code}/approve`,
        payload: { reason: '矩阵测试批准' },
      };
    },
    expect: deciding,
  },
  {
    method: 'POST',
    url: `${base}/:code/targets/:unitCode/reject`,
    request: async (f, actor, scope) => {
      const code = unit(f, actor, scope);
      await pendingDeclaration(f, code);
      return {
        method: 'POST',
        url: `${base}/${DEMO}/targets/${code}/reject`,
        payload: { reason: '矩阵测试驳回' },
      };
    },
    expect: deciding,
  },
  {
    method: 'POST',
    url: `${base}/:code/scores`,
    request: (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/${DEMO}/scores`,
      payload: { unitCode: unit(f, actor, scope), itemCode: 'DD-ZB-12', points: 60 + (f.next() % 40) },
    }),
    expect: scoring,
  },
  {
    method: 'POST',
    url: `${base}/:code/scores/:id/correct`,
    request: async (f, actor, scope) => {
      const unitCode = unit(f, actor, scope);
      // An inspector corrects its own entry; anyone else's is the district admin's to correct.
      const made = await enterScore(system(f), DEMO, {
        unitCode,
        itemCode: 'DD-ZB-12',
        points: 50,
        na: false,
        scorer: actor === 'inspector' ? await f.userId('inspector') : `矩阵评分人${f.next()}`,
      });
      return {
        method: 'POST',
        url: `${base}/${DEMO}/scores/${made.entry.id}/correct`,
        payload: { points: 6, reason: '矩阵测试更正' },
      };
    },
    expect: scoring,
  },
  {
    method: 'POST',
    url: `${base}/:code/bonuses`,
    request: (f) => ({
      method: 'POST',
      url: `${base}/${DEMO}/bonuses`,
      payload: { unitCode: 'LX-LX', star: 'ZB', month: '2023-12', points: 1, reason: `矩阵加分${f.next()}` },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: `${base}/:code/ranking`,
    request: () => ({ method: 'GET', url: `${base}/${DEMO}/ranking?period=2023-Q3` }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: `${base}/:code/ranking/export`,
    request: () => ({
      method: 'GET',
      url: `${base}/${DEMO}/ranking/export?period=2023-Q3&level=street&format=csv`,
    }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: `${base}/:code/units/:unitCode/profile`,
    request: (f, actor, scope) => ({
      method: 'GET',
      url: `${base}/${DEMO}/units/${unit(f, actor, scope)}/profile`,
    }),
    expect: unitRead,
  },
  {
    method: 'GET',
    url: `${base}/:code/units/:unitCode/items`,
    request: (f, actor, scope) => ({
      method: 'GET',
      url: `${base}/${DEMO}/units/${unit(f, actor, scope)}/items?month=2023-12`,
    }),
    expect: unitRead,
  },
  {
    method: 'GET',
    url: `${base}/:code/units/:unitCode/items/:itemCode/entries`,
    request: (f, actor, scope) => ({
      method: 'GET',
      url: `${base}/${DEMO}/units/${unit(f, actor, scope)}/items/DD-ZB-06/entries`,
    }),
    expect: unitRead,
  },
];
