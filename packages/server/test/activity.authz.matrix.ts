import { createActivity } from '../src/services/activity.service';
import { renderTables } from '../src/workbook/writeWorkbook';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';
import { multipartFiles } from './harness';

/**
 * The authorisation matrix rows of outreach activities (spread into MATRIX): everyone with a part of the tree
 * reads (cut to it), judges do not; district admins record for any unit, street admins inside their street,
 * village users for their own village; inspectors only read.
 */

// Defined here, not imported from authz.matrix.ts: that module imports this one (a cycle).
const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const reading: Expect = { ...all(200), anonymous: 401, judge: 403 };
const recording: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};

const body = (f: MatrixFixture, unitCode: string) => ({
  title: `矩阵宣传活动${f.next()}`,
  topic: '法治宣传',
  heldOn: '2023-05-04',
  place: '村文化广场',
  unitCode,
  counts: { leaflets: 100 },
});

/** A fresh activity of the unit inside or outside the actor's scope. */
async function activityOf(f: MatrixFixture, actor: MatrixActor, scope: Scope): Promise<string> {
  const created = await createActivity(f.env.system(), body(f, f.unitFor(actor, scope)));
  return created.row.id;
}

/** Importing: a unit outside the caller's reach is a located row error (400), not a refusal of the caller. */
const importing: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 400 },
  street_admin: { in: 200, out: 400 },
  district_admin: 200,
};
const templating: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: 200,
  street_admin: 200,
  district_admin: 200,
};

export const ACTIVITY_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/activities/template',
    request: () => ({ method: 'GET', url: '/api/activities/template' }),
    expect: templating,
  },
  {
    method: 'POST',
    url: '/api/activities/import',
    request: async (f, actor, scope) => {
      const content = await renderTables(
        [
          {
            sheet: '宣传活动',
            headers: ['单位编码', '活动名称', '主题', '日期', '地点', '发放宣传资料'],
            rows: [
              [f.unitFor(actor, scope), `矩阵导入活动${f.next()}`, '法治宣传', '2023-05-06', '广场', 50],
            ],
          },
        ],
        'xlsx',
      );
      const { payload, headers } = multipartFiles([{ name: '宣传活动.xlsx', content }]);
      return { method: 'POST', url: '/api/activities/import', payload, headers };
    },
    expect: importing,
  },
  {
    method: 'GET',
    url: '/api/activities',
    request: () => ({ method: 'GET', url: '/api/activities?period=2023' }),
    expect: reading,
  },
  {
    method: 'GET',
    url: '/api/activities/export',
    request: () => ({ method: 'GET', url: '/api/activities/export?period=2023-Q2' }),
    expect: reading,
  },
  {
    method: 'POST',
    url: '/api/activities',
    request: (f, actor, scope) => ({
      method: 'POST',
      url: '/api/activities',
      payload: body(f, f.unitFor(actor, scope)),
    }),
    expect: recording,
  },
  {
    method: 'PUT',
    url: '/api/activities/:id',
    request: async (f, actor, scope) => ({
      method: 'PUT',
      url: `/api/activities/${await activityOf(f, actor, scope)}`,
      payload: { place: `地点${f.next()}` },
    }),
    expect: recording,
  },
  {
    method: 'POST',
    url: '/api/activities/:id/delete',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `/api/activities/${await activityOf(f, actor, scope)}/delete`,
      payload: { reason: '重复录入' },
    }),
    expect: recording,
  },
];
