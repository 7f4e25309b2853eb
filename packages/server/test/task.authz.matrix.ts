import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReviewTaskBody, SubmitTaskBody, TaskBody } from '../src/contracts/tasks';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import { newId } from '../src/lib/ids';
import { createCampaign } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { issueTask } from '../src/services/task.service';
import { submitTask } from '../src/services/taskSubmission.service';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of daily tasks and evidence documents (spread into MATRIX), on a campaign made
 * for the matrix (every unit targets ZB; its tasks go to all). Writes that change a task get a fresh one,
 * reviews a fresh submission, all made by the system.
 */

const CAMPAIGN = 'TMX2026';
const base = `/api/campaigns/${CAMPAIGN}`;
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
const managing: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
/** One unit's tasks: whoever's part of the tree covers the unit. */
const unitReading: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};
/** The unit's own users (and district admins, who may act for any unit). */
const unitOwn: Expect = {
  ...all(403),
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  district_admin: 200,
};
/** District admins, and the unit's street admin. */
const reviewing: Expect = {
  ...all(403),
  anonymous: 401,
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};

const system = (f: MatrixFixture): ServiceContext => ({ ...f.env.system(), actor: SYSTEM_ACTOR });
const mxKey = (f: MatrixFixture, label: string) => `mx-task-${label}-${f.next()}`;

const ready = new Map<string, string>();
/** The matrix campaign and one task every unit has, made once per database; returns the task id. */
async function sharedTask(f: MatrixFixture): Promise<string> {
  const known = ready.get(f.env.dialect);
  if (known) return known;
  await createCampaign(system(f), {
    code: CAMPAIGN,
    name: '任务矩阵方案',
    year: 2026,
    template: 'five-star',
  });
  const id = await freshTask(f);
  ready.set(f.env.dialect, id);
  return id;
}

async function freshTask(f: MatrixFixture): Promise<string> {
  const { summary } = await issueTask(
    system(f),
    CAMPAIGN,
    TaskBody.parse({
      idempotencyKey: mxKey(f, 'issue'),
      title: '矩阵主题党日',
      star: 'ZB',
      month: '2026-03',
      points: 5,
      deadline: '2099-12-31',
    }),
  );
  return summary.row.id;
}

/** A fresh task with a submission of the unit waiting for review. */
async function submittedTask(
  f: MatrixFixture,
  unitCode: string,
): Promise<{ id: string; submissionId: string }> {
  await sharedTask(f);
  const id = await freshTask(f);
  const { detail } = await submitTask(
    system(f),
    CAMPAIGN,
    id,
    unitCode,
    SubmitTaskBody.parse({ idempotencyKey: mxKey(f, 'submit'), text: '矩阵提交' }),
  );
  const submissionId = detail.submissions[0]?.row.id;
  if (!submissionId) throw new Error('no submission');
  return { id, submissionId };
}

/** A stored PDF of the unit, as if uploaded; returns its id. */
async function storedDocument(f: MatrixFixture, unitCode: string): Promise<string> {
  const id = newId();
  const file = join('documents', 'mx', id);
  mkdirSync(join(f.env.dataDir, 'documents', 'mx'), { recursive: true });
  writeFileSync(join(f.env.dataDir, file), '%PDF-1.4 matrix');
  await system(f).repos.documents.insert({
    id,
    idempotency_key: mxKey(f, 'doc'),
    unit_id: await f.unitId(unitCode),
    name: '矩阵材料.pdf',
    mime: 'application/pdf',
    bytes: 15,
    sha256: 'c'.repeat(64),
    file,
    uploaded_by: 'system',
    uploaded_by_name: '测试',
    uploaded_at: new Date().toISOString(),
  });
  return id;
}

function documentUpload(f: MatrixFixture, actor: MatrixActor, scope: Scope) {
  const boundary = 'taskmatrixboundary';
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return {
    method: 'POST' as const,
    url: '/api/documents',
    payload: `${field('idempotencyKey', mxKey(f, 'upload'))}${field('unitCode', f.unitFor(actor, scope))}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 matrix\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** One row per route of daily tasks and documents; spread into MATRIX. */
export const TASK_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/campaigns/:code/tasks',
    request: async (f) => {
      await sharedTask(f);
      return { method: 'GET', url: `${base}/tasks` };
    },
    expect: participants(200),
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/tasks',
    request: async (f) => {
      await sharedTask(f);
      return {
        method: 'POST',
        url: `${base}/tasks`,
        payload: {
          idempotencyKey: mxKey(f, 'post'),
          title: '矩阵任务',
          star: 'ZB',
          month: '2026-04',
          points: 5,
        },
      };
    },
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/tasks/:id',
    request: async (f) => ({ method: 'GET', url: `${base}/tasks/${await sharedTask(f)}` }),
    expect: participants(200),
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/tasks/:id/export',
    request: async (f) => ({ method: 'GET', url: `${base}/tasks/${await sharedTask(f)}/export?format=csv` }),
    expect: participants(200),
  },
  {
    method: 'PUT',
    url: '/api/campaigns/:code/tasks/:id',
    request: async (f) => {
      await sharedTask(f);
      return {
        method: 'PUT',
        url: `${base}/tasks/${await freshTask(f)}`,
        payload: {
          title: '矩阵任务（改）',
          star: 'ZB',
          month: '2026-03',
          points: 5,
          deadline: '2099-12-31',
          version: 1,
        },
      };
    },
    expect: managing,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/tasks/:id/cancel',
    request: async (f) => {
      await sharedTask(f);
      return {
        method: 'POST',
        url: `${base}/tasks/${await freshTask(f)}/cancel`,
        payload: { reason: '矩阵取消' },
      };
    },
    expect: managing,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/units/:unitCode/tasks',
    request: async (f, actor, scope) => {
      await sharedTask(f);
      return { method: 'GET', url: `${base}/units/${f.unitFor(actor, scope)}/tasks` };
    },
    expect: unitReading,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/tasks/:id/units/:unitCode',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `${base}/tasks/${await sharedTask(f)}/units/${f.unitFor(actor, scope)}`,
    }),
    expect: unitReading,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/tasks/:id/units/:unitCode/submissions',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: `${base}/tasks/${await sharedTask(f)}/units/${f.unitFor(actor, scope)}/submissions`,
      payload: { idempotencyKey: mxKey(f, 'sub'), text: '矩阵提交' },
    }),
    expect: unitOwn,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/tasks/:id/units/:unitCode/reviews',
    request: async (f, actor, scope) => {
      const unitCode = f.unitFor(actor, scope);
      const { id, submissionId } = await submittedTask(f, unitCode);
      return {
        method: 'POST',
        url: `${base}/tasks/${id}/units/${unitCode}/reviews`,
        payload: ReviewTaskBody.parse({ idempotencyKey: mxKey(f, 'rev'), submissionId, outcome: 'full' }),
      };
    },
    expect: reviewing,
  },
  {
    // Object level: a submission of a unit outside the actor's part (same task), reviewed under the URL of a
    // unit inside it — refused (409 submissionId: not that unit's latest).
    method: 'POST',
    url: '/api/campaigns/:code/tasks/:id/units/:unitCode/reviews',
    request: async (f, actor, scope) => {
      const unitCode = f.unitFor(actor, 'in');
      const { id, submissionId } = await submittedTask(f, unitCode);
      let named = submissionId;
      if (scope === 'out') {
        const { detail } = await submitTask(
          system(f),
          CAMPAIGN,
          id,
          f.unitFor(actor, 'out'),
          SubmitTaskBody.parse({ idempotencyKey: mxKey(f, 'submit'), text: '矩阵他村提交' }),
        );
        named = detail.submissions[0]?.row.id ?? 'none';
      }
      return {
        method: 'POST',
        url: `${base}/tasks/${id}/units/${unitCode}/reviews`,
        payload: ReviewTaskBody.parse({
          idempotencyKey: mxKey(f, 'rev'),
          submissionId: named,
          outcome: 'full',
        }),
      };
    },
    expect: { ...reviewing, street_admin: { in: 200, out: 409 } },
  },
  {
    method: 'GET',
    url: '/api/task-reminders',
    request: () => ({ method: 'GET', url: '/api/task-reminders' }),
    expect: { ...all(200), anonymous: 401 },
  },
  {
    method: 'POST',
    url: '/api/documents',
    request: (f, actor, scope) => documentUpload(f, actor, scope),
    expect: unitOwn,
  },
  {
    method: 'GET',
    url: '/api/documents/:id',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/documents/${await storedDocument(f, f.unitFor(actor, scope))}`,
    }),
    expect: unitReading,
  },
];
