import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../src/services/campaign.service';
import { TASK_UNIT_HEADERS } from '../src/services/taskExport';
import { type Client, describeEachDialect, type TestEnv } from './harness';
import { makeInspector } from './supervisionHelpers';
import {
  day,
  errorOf,
  issue,
  key,
  review,
  reviewRaw,
  submit,
  submitRaw,
  taskDetail,
  unitTask,
  villageLogin,
} from './tasksHelpers';

/**
 * Daily tasks: idempotent writes (a retried request counts once, a reused key with other content is refused),
 * what each role sees (a street admin its street's units, a village its own unit), reminders and the export.
 */

const CAMPAIGN = 'TS2026';
const base = `/api/campaigns/${CAMPAIGN}`;

async function count(env: TestEnv, table: 'tasks' | 'task_submissions' | 'task_reviews' | 'score_entries') {
  const row = await env.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function audits(env: TestEnv, action: string) {
  const row = await env.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('daily tasks: idempotency, scope, reminders and export', (env) => {
  let admin: Client;
  let street: Client;
  let village: Client;
  let inspector: Client;
  let lxUnits: string[];

  beforeAll(async () => {
    await createCampaign(env().system(), {
      code: CAMPAIGN,
      name: '任务范围测试',
      year: 2026,
      template: 'five-star',
    });
    admin = await env().login('admin');
    street = await env().login('street');
    village = await env().login('village');
    inspector = await makeInspector(env(), 'ts-inspector', ['LX']);
    const lx = await env().system().repos.units.findByCode('LX');
    lxUnits = (
      await env()
        .system()
        .repos.campaigns.units((await env().system().repos.campaigns.findByCode(CAMPAIGN))?.id ?? '')
    )
      .filter((u) => u.parent_id === lx?.id)
      .map((u) => u.code);
  });

  describe('idempotency', () => {
    it('issuing: the same key and content returns the same task and writes once; other content is 409', async () => {
      const body = {
        idempotencyKey: key('same-task'),
        title: '三月主题党日',
        star: 'ZB',
        month: '2026-03',
        points: 5,
        deadline: '2099-03-31',
      };
      const tasks = await count(env(), 'tasks');
      const audited = await audits(env(), 'task.create');
      const first = await admin.post(`${base}/tasks`, body);
      expect(first.statusCode, first.body).toBe(200);
      const again = await admin.post(`${base}/tasks`, body);
      expect(again.statusCode).toBe(200);
      expect(again.json().task.id).toBe(first.json().task.id);
      expect(again.json().task.number).toBe(first.json().task.number);
      expect(await count(env(), 'tasks')).toBe(tasks + 1);
      expect(await audits(env(), 'task.create')).toBe(audited + 1);
      const other = await admin.post(`${base}/tasks`, { ...body, points: 6 });
      expect(other.statusCode).toBe(409);
      expect(errorOf(other).field).toBe('idempotencyKey');
      expect(await count(env(), 'tasks')).toBe(tasks + 1);
    });

    it('submitting and reviewing: retried requests count once, even after the state moved on', async () => {
      const task = await issue(admin, CAMPAIGN, { title: '三会一课', month: '2026-03', points: 10 });
      const submission = { idempotencyKey: key('same-sub'), text: '3月召开支委会2次、党员大会1次。' };
      const url = `${base}/tasks/${task.id}/units/RML-HZ/submissions`;
      const submissions = await count(env(), 'task_submissions');
      const first = await village.post(url, submission);
      expect(first.statusCode, first.body).toBe(200);
      expect((await village.post(url, submission)).statusCode).toBe(200);
      expect(await count(env(), 'task_submissions')).toBe(submissions + 1);
      const changed = await village.post(url, { ...submission, text: '改过的内容' });
      expect(changed.statusCode).toBe(409);
      expect(errorOf(changed).field).toBe('idempotencyKey');

      const submissionId = first.json().submissions[0].id;
      const body = {
        idempotencyKey: key('same-review'),
        submissionId,
        outcome: 'partial',
        points: 6,
        reason: '记录不全',
      };
      const reviewUrl = `${base}/tasks/${task.id}/units/RML-HZ/reviews`;
      const entries = await count(env(), 'score_entries');
      const reviews = await count(env(), 'task_reviews');
      const reviewed = await admin.post(reviewUrl, body);
      expect(reviewed.statusCode, reviewed.body).toBe(200);
      const retried = await admin.post(reviewUrl, body);
      expect(retried.statusCode).toBe(200);
      expect(retried.json().reviews).toHaveLength(1);
      expect(retried.json().row.effective).toBe(6);
      expect(await count(env(), 'task_reviews')).toBe(reviews + 1);
      expect(await count(env(), 'score_entries')).toBe(entries + 1);
      expect((await admin.post(reviewUrl, { ...body, points: 7 })).statusCode).toBe(409);
      // The submission retried after it was scored still replays (not 409 for the state).
      const late = await village.post(url, submission);
      expect(late.statusCode).toBe(200);
      expect(late.json().row.state).toBe('scored');
      expect(await count(env(), 'task_submissions')).toBe(submissions + 1);
    });

    it('a bad request writes nothing', async () => {
      const before = await Promise.all([count(env(), 'tasks'), audits(env(), 'task.create')]);
      const res = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('bad'),
        title: '',
        star: 'ZB',
        month: '2026-03',
        points: 5,
      });
      expect(res.statusCode).toBe(400);
      const star = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('bad'),
        title: '任务',
        star: 'XX',
        month: '2026-03',
        points: 5,
      });
      expect(errorOf(star).field).toBe('star');
      const deadline = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('bad'),
        title: '任务',
        star: 'ZB',
        month: '2026-02',
        deadline: '2026-02-30',
        points: 5,
      });
      expect(errorOf(deadline).field).toBe('deadline');
      expect(await Promise.all([count(env(), 'tasks'), audits(env(), 'task.create')])).toEqual(before);
    });
  });

  describe('scope', () => {
    let all: string;
    let chosen: string;

    beforeAll(async () => {
      all = (await issue(admin, CAMPAIGN, { title: '四月主题党日', month: '2026-04', points: 10 })).id;
      chosen = (
        await issue(admin, CAMPAIGN, {
          title: '四月专项任务',
          month: '2026-04',
          points: 10,
          audience: 'chosen',
          unitCodes: ['LX-LX', 'GZ-GZ'],
        })
      ).id;
    });

    const progressOf = async (client: Client, id: string) => {
      const res = await client.get(`${base}/tasks?month=2026-04`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().rows as { id: string; progress: { addressed: number } }[]).find((r) => r.id === id)
        ?.progress.addressed;
    };

    it('the district sees every addressed unit; a street admin and its inspector only the street’s', async () => {
      const assessed = (await taskDetail(admin, CAMPAIGN, all)).units.length;
      expect(assessed).toBeGreaterThan(lxUnits.length);
      expect(await progressOf(admin, all)).toBe(assessed);
      expect(await progressOf(street, all)).toBe(lxUnits.length);
      expect(await progressOf(street, chosen)).toBe(1);
      expect(await progressOf(inspector, all)).toBe(lxUnits.length);
      for (const client of [street, inspector]) {
        const detail = await taskDetail(client, CAMPAIGN, all);
        expect(detail.units.map((u) => u.unitCode).sort()).toEqual([...lxUnits].sort());
        expect(new Set(detail.units.map((u) => u.streetCode))).toEqual(new Set(['LX']));
      }
      expect((await taskDetail(street, CAMPAIGN, chosen)).units.map((u) => u.unitCode)).toEqual(['LX-LX']);
      // The chosen task names only the street's own unit, and one unit's page counts only what the viewer sees.
      expect((await taskDetail(street, CAMPAIGN, chosen)).task.unitCodes).toEqual(['LX-LX']);
      expect((await taskDetail(admin, CAMPAIGN, chosen)).task.unitCodes.sort()).toEqual(['GZ-GZ', 'LX-LX']);
      const unitPage = await unitTask(street, CAMPAIGN, chosen, 'LX-LX');
      expect(unitPage.task).toMatchObject({ unitCodes: ['LX-LX'], progress: { addressed: 1 } });
      expect((await unitTask(village, CAMPAIGN, all, 'RML-HZ')).task.progress.addressed).toBe(1);
      expect((await street.get(`${base}/units/LX-LX/tasks`)).statusCode).toBe(200);
      expect((await street.get(`${base}/units/RML-HZ/tasks`)).statusCode).toBe(403);
      expect((await street.get(`${base}/tasks/${all}/units/RML-HZ`)).statusCode).toBe(403);
    });

    it('a village sees only the tasks addressed to it, and only itself in them', async () => {
      expect(await progressOf(village, all)).toBe(1);
      expect(await progressOf(village, chosen)).toBeUndefined();
      const detail = await taskDetail(village, CAMPAIGN, all);
      expect(detail.units.map((u) => u.unitCode)).toEqual(['RML-HZ']);
      expect((await village.get(`${base}/tasks/${chosen}`)).statusCode).toBe(404);
      const mine = await village.get(`${base}/units/RML-HZ/tasks`);
      expect(mine.statusCode).toBe(200);
      expect((mine.json().rows as { taskId: string }[]).map((r) => r.taskId)).toContain(all);
      expect((mine.json().rows as { taskId: string }[]).map((r) => r.taskId)).not.toContain(chosen);
      expect((await village.get(`${base}/units/LX-LX/tasks`)).statusCode).toBe(403);
      const judge = await env().login('judge');
      expect((await judge.get(`${base}/tasks`)).statusCode).toBe(403);
    });

    it('the unit page says what the viewer may do', async () => {
      const lx = await villageLogin(env(), 'ts-lx', 'LX-LX');
      expect((await unitTask(lx, CAMPAIGN, chosen, 'LX-LX')).can).toEqual({ submit: true, review: false });
      await submit(lx, CAMPAIGN, chosen, 'LX-LX');
      expect((await unitTask(street, CAMPAIGN, chosen, 'LX-LX')).can).toEqual({
        submit: false,
        review: true,
      });
      expect((await unitTask(inspector, CAMPAIGN, chosen, 'LX-LX')).can).toEqual({
        submit: false,
        review: false,
      });
      await review(street, CAMPAIGN, chosen, 'LX-LX', { outcome: 'full' });
      const scored = await unitTask(lx, CAMPAIGN, chosen, 'LX-LX');
      expect(scored.can).toEqual({ submit: false, review: false });
      expect(scored.reviews[0]?.reviewerName).toBeTruthy();
      expect((await unitTask(street, CAMPAIGN, chosen, 'LX-LX')).can.review).toBe(true);
      // The inspector may read but never review.
      const refused = await reviewRaw(inspector, CAMPAIGN, chosen, 'LX-LX', {
        submissionId: scored.submissions[0]?.id,
        outcome: 'zero',
        reason: '无',
      });
      expect(refused.statusCode).toBe(403);
    });
  });

  describe('reminders and export', () => {
    it('a village user is reminded of tasks due soon, overdue and returned; others get zeros', async () => {
      const soon = await issue(admin, CAMPAIGN, {
        title: '五月主题党日',
        month: '2026-05',
        points: 10,
        deadline: day(2),
        remindDays: 3,
      });
      await issue(admin, CAMPAIGN, {
        title: '五月三会一课',
        month: '2026-05',
        points: 10,
        deadline: day(-1),
      });
      const back = await issue(admin, CAMPAIGN, { title: '五月组织生活会', month: '2026-05', points: 10 });
      await issue(admin, CAMPAIGN, {
        title: '六月主题党日',
        month: '2026-06',
        points: 10,
        deadline: day(20),
      });
      await submit(village, CAMPAIGN, back.id, 'RML-HZ');
      await review(admin, CAMPAIGN, back.id, 'RML-HZ', { outcome: 'returned', reason: '请补充照片' });
      const res = await village.get('/api/task-reminders');
      expect(res.statusCode).toBe(200);
      const soonRow = (await unitTask(village, CAMPAIGN, soon.id, 'RML-HZ')).row;
      expect(soonRow).toMatchObject({ state: 'pending', daysLeft: 2, remind: true });
      const list = await village.get(`${base}/units/RML-HZ/tasks`);
      const counts = list.json().counts;
      expect(res.json()).toEqual({
        campaignCode: CAMPAIGN,
        unitCode: 'RML-HZ',
        remind: counts.remind,
        overdue: counts.overdue,
        returned: counts.returned,
      });
      // The soon one, and the returned one whose deadline (30 days) is outside its 3-day window: 1.
      expect(counts.remind).toBe(1);
      expect(counts.returned).toBe(1);
      expect(counts.overdue).toBeGreaterThanOrEqual(1);
      expect((await admin.get('/api/task-reminders')).json()).toEqual({
        campaignCode: null,
        unitCode: null,
        remind: 0,
        overdue: 0,
        returned: 0,
      });
    });

    it('exports the per-unit table the viewer may see, with a UTF-8 file name', async () => {
      const task = await issue(admin, CAMPAIGN, { title: '七月主题党日', month: '2026-07', points: 10 });
      await submit(village, CAMPAIGN, task.id, 'RML-HZ');
      await review(admin, CAMPAIGN, task.id, 'RML-HZ', {
        outcome: 'partial',
        points: 7,
        reason: '照片不清晰',
      });
      const res = await admin.get(`${base}/tasks/${task.id}/export?format=xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(`日常任务-${task.number}-七月主题党日.xlsx`)}`,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws?.getRow(2).values).toEqual([undefined, ...TASK_UNIT_HEADERS]);
      const rows: unknown[][] = [];
      ws?.eachRow((row, n) => {
        if (n > 2) rows.push(row.values as unknown[]);
      });
      const hz = rows.find((r) => r[1] === 'RML-HZ');
      expect(hz?.slice(1, 10)).toEqual([
        'RML-HZ',
        '何庄村',
        '人民路街道',
        '已评分',
        expect.any(String),
        '否',
        '部分得分',
        7,
        '照片不清晰',
      ]);
      expect(rows).toHaveLength((await taskDetail(admin, CAMPAIGN, task.id)).units.length);
      const csv = await street.get(`${base}/tasks/${task.id}/export?format=csv`);
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.trim().split(/\r\n/);
      // Title, header, and the street's units only.
      expect(lines).toHaveLength(2 + lxUnits.length);
      expect(csv.body).not.toContain('RML-HZ');
    });

    it('refuses work on a cancelled task', async () => {
      const task = await issue(admin, CAMPAIGN, { title: '八月主题党日', month: '2026-08', points: 10 });
      await admin.post(`${base}/tasks/${task.id}/cancel`, { reason: '改为线上' });
      const sub = await submitRaw(village, CAMPAIGN, task.id, 'RML-HZ');
      expect(sub.statusCode).toBe(409);
      const edit = await admin.request({
        method: 'PUT',
        url: `${base}/tasks/${task.id}`,
        payload: { title: '改', star: 'ZB', month: '2026-08', points: 10, version: 2 },
      });
      expect(edit.statusCode).toBe(409);
      expect((await unitTask(village, CAMPAIGN, task.id, 'RML-HZ')).can.submit).toBe(false);
    });
  });
});
