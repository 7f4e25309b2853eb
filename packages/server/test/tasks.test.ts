import { beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../src/services/campaign.service';
import { type Client, describeEachDialect } from './harness';
import {
  approveTarget,
  day,
  errorOf,
  issue,
  itemEntries,
  key,
  profileModules,
  put,
  rankingOf,
  review,
  reviewRaw,
  submit,
  submitRaw,
  taskDetail,
  unitTask,
  villageLogin,
} from './tasksHelpers';

/**
 * 日常任务 daily tasks over HTTP: the RC path into the ranking on a campaign made here so every number is exact.
 * Every unit targets ZB only unless a test approves more; nothing else is scored. SCORING.md: the RC module
 * (B = 30) of a star has 12 monthly items of max 10, so X_u(RC, ZB) = 120 and P = 30 · Σ e(u,i) / 120; a
 * month's item is Σ effective / Σ task points · 10 over the month's tasks (core's taskItemPoints).
 */

const CAMPAIGN = 'TK2026';
const base = `/api/campaigns/${CAMPAIGN}`;
/** S(u, ZB) from RC alone, computed by hand: 30 · Σ items / 120. */
const rcStar = (...items: number[]) => (30 * items.reduce((a, b) => a + b, 0)) / 120;

describeEachDialect('daily tasks: the RC path into the ranking', (env) => {
  let admin: Client;
  let village: Client;
  let street: Client;
  let assessed: number;

  beforeAll(async () => {
    const detail = await createCampaign(env().system(), {
      code: CAMPAIGN,
      name: '日常任务测试方案',
      year: 2026,
      template: 'five-star',
    });
    assessed = detail.campaign.unit_count;
    admin = await env().login('admin');
    village = await env().login('village');
    street = await env().login('street');
  });

  describe('scoring', () => {
    let a: string;
    let b: string;

    it('issues to every unit targeting the star, numbered, with the month item and defaults', async () => {
      const first = await issue(admin, CAMPAIGN, {
        title: '三月主题党日',
        month: '2026-03',
        deadline: undefined,
      });
      expect(first).toMatchObject({
        number: 'RW-2026-001',
        itemCode: 'RC-ZB-03',
        deadline: '2026-03-31',
        lateRule: 'deduct',
        lateDeduct: 50,
        remindDays: 3,
        audience: 'all',
        status: 'active',
        version: 1,
        locked: false,
      });
      expect(first.progress.addressed).toBe(assessed);
      const second = await issue(admin, CAMPAIGN, { title: '三会一课', month: '2026-03' });
      expect(second.number).toBe('RW-2026-002');
      // The first one's deadline has passed by now: give it one ahead so its submissions are on time.
      const moved = await put(admin, `${base}/tasks/${first.id}`, {
        title: first.title,
        star: 'ZB',
        month: '2026-03',
        points: 5,
        deadline: day(30),
        version: 1,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().task.version).toBe(2);
      a = first.id;
      b = second.id;
      expect(await rankingOf(admin, CAMPAIGN, '2026-03', 'RML-HZ')).toMatchObject({
        score: 0,
        stars: { ZB: 0 },
      });
    });

    it('one task of 5 scored full: the item is 5 of 10, S(ZB, March) = 30·5/120', async () => {
      const submitted = await submit(village, CAMPAIGN, a, 'RML-HZ', {
        text: '3月15日开展主题党日，党员28人参加。',
      });
      expect(submitted.row).toMatchObject({ state: 'submitted', late: false, effective: null });
      expect(submitted.can).toEqual({ submit: true, review: false });
      // Submitted is not scored: nothing moves yet.
      expect((await rankingOf(admin, CAMPAIGN, '2026-03', 'RML-HZ')).score).toBe(0);
      const scored = await review(admin, CAMPAIGN, a, 'RML-HZ', { outcome: 'full' });
      expect(scored.row).toMatchObject({ state: 'scored', outcome: 'full', effective: 5 });
      expect(scored.reviews[0]).toMatchObject({ awarded: 5, effective: 5, late: false, version: 1 });
      const expected = rcStar(5);
      expect(expected).toBe(1.25);
      expect(await rankingOf(admin, CAMPAIGN, '2026-03', 'RML-HZ')).toEqual({
        score: expected,
        stars: { ZB: expected, CY: null, ST: null, PA: null, WM: null },
      });
      // The year's plan is the same 120: the year's U is the same.
      expect((await rankingOf(admin, CAMPAIGN, '2026', 'RML-HZ')).score).toBe(expected);
      expect((await rankingOf(admin, CAMPAIGN, '2026-02', 'RML-HZ')).score).toBe(0);
      expect((await profileModules(admin, CAMPAIGN, 'RML-HZ', '2026-03')).RC).toBe(expected);
      const ledger = await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-03');
      expect(ledger.score).toBe(5);
      expect(ledger.entries).toEqual([
        expect.objectContaining({
          scorer: '日常任务',
          points: 5,
          source: 'sheet',
          reason: null,
          current: true,
        }),
      ]);
      // Another unit is untouched.
      expect((await rankingOf(admin, CAMPAIGN, '2026-03', 'LX-SZ')).score).toBe(0);
    });

    it('an item the tasks score takes no hand-entered score, and their entry is corrected only by a review', async () => {
      const hand = await admin.post(`${base}/scores`, {
        unitCode: 'RML-HZ',
        itemCode: 'RC-ZB-03',
        points: 10,
      });
      expect(hand.statusCode, hand.body).toBe(409);
      expect(errorOf(hand).field).toBe('itemCode');
      const entries = (await admin.get(`${base}/units/RML-HZ/items/RC-ZB-03/entries`)).json().entries as {
        id: string;
        scorer: string;
        current: boolean;
      }[];
      const ours = entries.find((e) => e.current && e.scorer === '日常任务');
      if (!ours) throw new Error('no task entry');
      const fix = await admin.post(`${base}/scores/${ours.id}/correct`, { points: 10, reason: '手工改分' });
      expect(fix.statusCode, fix.body).toBe(409);
      expect(errorOf(fix).field).toBe('entryId');
      // The score page reads which items the tasks score.
      const sheet = await admin.get(`${base}/units/RML-HZ/items?month=2026-03`);
      expect(sheet.statusCode, sheet.body).toBe(200);
      const items = sheet.json().items as { code: string; byTasks: boolean }[];
      expect(items.find((i) => i.code === 'RC-ZB-03')?.byTasks).toBe(true);
      expect(items.find((i) => i.code === 'DD-ZB-03')?.byTasks).toBe(false);
      // An RC item without tasks still takes a hand-entered score.
      const other = await admin.post(`${base}/scores`, {
        unitCode: 'RML-HZ',
        itemCode: 'RC-ZB-11',
        points: 0,
      });
      expect(other.statusCode, other.body).toBe(200);
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-03')).score).toBe(5);
    });

    it('partial needs a reason and points strictly between 0 and the task points', async () => {
      await submit(village, CAMPAIGN, b, 'RML-HZ');
      const noReason = await reviewRaw(admin, CAMPAIGN, b, 'RML-HZ', {
        outcome: 'partial',
        points: 3,
      });
      expect(noReason.statusCode).toBe(400);
      expect(errorOf(noReason).field).toBe('reason');
      for (const points of [0, 5, 6, undefined]) {
        const bad = await reviewRaw(admin, CAMPAIGN, b, 'RML-HZ', {
          outcome: 'partial',
          points,
          reason: '会议记录不全',
        });
        expect(bad.statusCode, `points ${points}`).toBe(400);
        expect(errorOf(bad).field).toBe('points');
      }
      const zeroNoReason = await reviewRaw(admin, CAMPAIGN, b, 'RML-HZ', {
        outcome: 'zero',
      });
      expect(errorOf(zeroNoReason).field).toBe('reason');
      const partial = await review(admin, CAMPAIGN, b, 'RML-HZ', {
        outcome: 'partial',
        points: 3,
        reason: '党课记录缺少签到表',
      });
      expect(partial.row).toMatchObject({
        state: 'scored',
        outcome: 'partial',
        effective: 3,
        reason: '党课记录缺少签到表',
      });
      // (5 + 3) / 10 · 10 = 8.
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-03')).score).toBe(8);
      expect((await rankingOf(admin, CAMPAIGN, '2026-03', 'RML-HZ')).score).toBe(rcStar(8));
      // The village sees the score and the reason.
      const seen = await unitTask(village, CAMPAIGN, b, 'RML-HZ');
      expect(seen.row).toMatchObject({ effective: 3, reason: '党课记录缺少签到表', outcome: 'partial' });
      expect(seen.can).toEqual({ submit: false, review: false });
      // Scored: no more submissions.
      const again = await submitRaw(village, CAMPAIGN, b, 'RML-HZ');
      expect(again.statusCode).toBe(409);
    });

    it('late under deduct loses the percentage; late under zero counts 0; late under accept counts in full', async () => {
      const deduct = await issue(admin, CAMPAIGN, {
        title: '四月组织生活会',
        month: '2026-04',
        points: 10,
        deadline: day(-1),
        lateRule: 'deduct',
        lateDeduct: 40,
      });
      const late = await submit(village, CAMPAIGN, deduct.id, 'RML-HZ');
      expect(late.row).toMatchObject({ state: 'submitted', late: true });
      expect(late.submissions[0]?.late).toBe(true);
      const scored = await review(admin, CAMPAIGN, deduct.id, 'RML-HZ', { outcome: 'full' });
      expect(scored.reviews[0]).toMatchObject({ awarded: 10, effective: 6, late: true });
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-04')).score).toBe(6);
      expect((await rankingOf(admin, CAMPAIGN, '2026-04', 'RML-HZ')).score).toBe(rcStar(8, 6));

      const zero = await issue(admin, CAMPAIGN, {
        title: '五月主题党日',
        month: '2026-05',
        points: 10,
        deadline: day(-1),
        lateRule: 'zero',
      });
      await submit(village, CAMPAIGN, zero.id, 'RML-HZ');
      const none = await review(admin, CAMPAIGN, zero.id, 'RML-HZ', { outcome: 'full' });
      expect(none.row).toMatchObject({ state: 'scored', effective: 0, late: true });
      // Scored 0 (not unscored): the item is 0.
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-05')).score).toBe(0);

      const accept = await issue(admin, CAMPAIGN, {
        title: '五月党员学习',
        month: '2026-05',
        points: 10,
        deadline: day(-1),
        lateRule: 'accept',
      });
      await submit(village, CAMPAIGN, accept.id, 'RML-HZ');
      await review(admin, CAMPAIGN, accept.id, 'RML-HZ', {
        outcome: 'partial',
        points: 7,
        reason: '学习笔记不全',
      });
      // (0 + 7) / 20 · 10 = 3.5.
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-05')).score).toBe(3.5);
      expect((await rankingOf(admin, CAMPAIGN, '2026-05', 'RML-HZ')).score).toBe(rcStar(8, 6, 3.5));
    });

    it('returned needs a reason and writes nothing; the unit resubmits a new version', async () => {
      const task = await issue(admin, CAMPAIGN, { title: '六月主题党日', month: '2026-06', points: 10 });
      await submit(village, CAMPAIGN, task.id, 'RML-HZ', { text: '第一次提交' });
      const count = async () => (await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-06')).entries.length;
      const noReason = await reviewRaw(admin, CAMPAIGN, task.id, 'RML-HZ', {
        outcome: 'returned',
      });
      expect(errorOf(noReason).field).toBe('reason');
      const returned = await review(admin, CAMPAIGN, task.id, 'RML-HZ', {
        outcome: 'returned',
        reason: '缺少活动照片，请补充',
      });
      expect(returned.row).toMatchObject({ state: 'returned', outcome: 'returned', effective: null });
      expect(await count()).toBe(0);
      expect((await rankingOf(admin, CAMPAIGN, '2026-06', 'RML-HZ')).score).toBe(rcStar(8, 6, 3.5));
      const v2 = await submit(village, CAMPAIGN, task.id, 'RML-HZ', { text: '已补充照片' });
      expect(v2.row.state).toBe('submitted');
      expect(v2.submissions.map((s) => s.version)).toEqual([2, 1]);
      // A review of the older version is refused.
      const stale = await reviewRaw(admin, CAMPAIGN, task.id, 'RML-HZ', {
        submissionId: v2.submissions[1]?.id,
        outcome: 'full',
      });
      expect(stale.statusCode).toBe(409);
      expect(errorOf(stale).field).toBe('submissionId');
      await review(admin, CAMPAIGN, task.id, 'RML-HZ', { outcome: 'full' });
      expect(await count()).toBe(1);
      expect((await rankingOf(admin, CAMPAIGN, '2026-06', 'RML-HZ')).score).toBe(rcStar(8, 6, 3.5, 10));
    });

    it('reviewing a scored submission again is a correction and needs correctionReason', async () => {
      const first = await unitTask(admin, CAMPAIGN, b, 'RML-HZ');
      const plain = await reviewRaw(admin, CAMPAIGN, b, 'RML-HZ', {
        submissionId: first.submissions[0]?.id,
        outcome: 'full',
      });
      expect(plain.statusCode).toBe(400);
      expect(errorOf(plain).field).toBe('correctionReason');
      const corrected = await review(admin, CAMPAIGN, b, 'RML-HZ', {
        outcome: 'full',
        correctionReason: '补交签到表，复核后改为满分',
      });
      expect(corrected.reviews.map((r) => r.version)).toEqual([2, 1]);
      expect(corrected.reviews[0]).toMatchObject({
        correctionReason: '补交签到表，复核后改为满分',
        effective: 5,
      });
      const ledger = await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-03');
      expect(ledger.score).toBe(10);
      expect(ledger.entries.filter((e) => e.current)).toEqual([
        expect.objectContaining({ points: 10, source: 'correction', reason: '补交签到表，复核后改为满分' }),
      ]);
      expect((await rankingOf(admin, CAMPAIGN, '2026-03', 'RML-HZ')).score).toBe(rcStar(10));
      // A returned submission scored after all (the reviewer changed their mind) is no correction.
      const task = await issue(admin, CAMPAIGN, { title: '十月主题党日', month: '2026-10', points: 10 });
      await submit(village, CAMPAIGN, task.id, 'RML-HZ');
      await review(admin, CAMPAIGN, task.id, 'RML-HZ', { outcome: 'returned', reason: '请补充照片' });
      const scored = await review(admin, CAMPAIGN, task.id, 'RML-HZ', { outcome: 'full' });
      expect(scored.reviews.map((r) => [r.version, r.outcome])).toEqual([
        [2, 'full'],
        [1, 'returned'],
      ]);
      expect(scored.row.state).toBe('scored');
    });

    it('a locked month takes no new task; its reviews need correctionReason', async () => {
      const july = await issue(admin, CAMPAIGN, { title: '七月主题党日', month: '2026-07', points: 10 });
      await submit(village, CAMPAIGN, july.id, 'RML-HZ');
      const lock = await admin.post(`${base}/locks`, { month: '2026-07' });
      expect(lock.statusCode, lock.body).toBe(200);
      const refused = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('locked'),
        title: '锁定月任务',
        star: 'ZB',
        month: '2026-07',
        points: 5,
      });
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused).field).toBe('month');
      const detail = await unitTask(admin, CAMPAIGN, july.id, 'RML-HZ');
      expect(detail.task.locked).toBe(true);
      const plain = await reviewRaw(admin, CAMPAIGN, july.id, 'RML-HZ', {
        submissionId: detail.submissions[0]?.id,
        outcome: 'full',
      });
      expect(plain.statusCode).toBe(400);
      expect(errorOf(plain).field).toBe('correctionReason');
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-07')).entries).toEqual([]);
      // Returning changes no score: no reason needed even in a locked month.
      const back = await review(admin, CAMPAIGN, july.id, 'RML-HZ', {
        outcome: 'returned',
        reason: '请补充记录',
      });
      expect(back.row.state).toBe('returned');
      await submit(village, CAMPAIGN, july.id, 'RML-HZ', { text: '已补充' });
      await review(admin, CAMPAIGN, july.id, 'RML-HZ', { outcome: 'full', correctionReason: '锁定后补评' });
      const ledger = await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-07');
      expect(ledger.entries).toEqual([
        expect.objectContaining({ points: 10, source: 'correction', reason: '锁定后补评', current: true }),
      ]);
      // An edit that changes the locked month's score (now late: half off) is a correction too.
      const edit = {
        title: july.title,
        star: 'ZB',
        month: '2026-07',
        points: 10,
        deadline: day(-1),
        version: 1,
      };
      const plainEdit = await put(admin, `${base}/tasks/${july.id}`, edit);
      expect(plainEdit.statusCode).toBe(400);
      expect(errorOf(plainEdit).field).toBe('correctionReason');
      expect((await unitTask(admin, CAMPAIGN, july.id, 'RML-HZ')).task.version).toBe(1);
      const corrected = await put(admin, `${base}/tasks/${july.id}`, {
        ...edit,
        correctionReason: '截止日期按通知更正',
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(
        (await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-07')).entries.filter((e) => e.current),
      ).toEqual([expect.objectContaining({ points: 5, source: 'correction', reason: '截止日期按通知更正' })]);
    });

    it('an edit that makes a scored submission late recomputes the item', async () => {
      const task = await issue(admin, CAMPAIGN, { title: '八月主题党日', month: '2026-08', points: 10 });
      await submit(village, CAMPAIGN, task.id, 'RML-HZ');
      await review(admin, CAMPAIGN, task.id, 'RML-HZ', { outcome: 'full' });
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-08')).score).toBe(10);
      const body = { title: task.title, star: 'ZB', month: '2026-08', points: 10, version: 1 };
      const points = await put(admin, `${base}/tasks/${task.id}`, {
        ...body,
        points: 8,
        deadline: task.deadline,
      });
      expect(points.statusCode).toBe(409);
      expect(errorOf(points).field).toBe('points');
      const month = await put(admin, `${base}/tasks/${task.id}`, {
        ...body,
        month: '2026-09',
        deadline: task.deadline,
      });
      expect(errorOf(month).field).toBe('month');
      const earlier = await put(admin, `${base}/tasks/${task.id}`, { ...body, deadline: day(-1) });
      expect(earlier.statusCode, earlier.body).toBe(200);
      expect(earlier.json().task.version).toBe(2);
      // Late under deduct 50%: 10 → 5.
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-08')).score).toBe(5);
      const stale = await put(admin, `${base}/tasks/${task.id}`, { ...body, deadline: day(10) });
      expect(stale.statusCode).toBe(409);
      expect(errorOf(stale).field).toBe('version');
      // The same content again (a retried request) changes nothing.
      const same = await put(admin, `${base}/tasks/${task.id}`, { ...body, deadline: day(-1) });
      expect(same.statusCode).toBe(200);
      expect(same.json().task.version).toBe(2);
    });

    it('cancelling recomputes: the other task carries the item; none left leaves it unscored', async () => {
      // 龙兴村 scored A only: 5 of 10.
      const lx = await villageLogin(env(), 'tk-lx', 'LX-LX');
      await submit(lx, CAMPAIGN, a, 'LX-LX');
      await review(street, CAMPAIGN, a, 'LX-LX', { outcome: 'full' });
      expect((await itemEntries(admin, CAMPAIGN, 'LX-LX', 'RC-ZB-03')).score).toBe(5);
      const noReason = await admin.post(`${base}/tasks/${b}/cancel`, {});
      expect(noReason.statusCode).toBe(400);
      const cancelled = await admin.post(`${base}/tasks/${b}/cancel`, { reason: '与三月主题党日合并' });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json().task).toMatchObject({
        status: 'cancelled',
        cancelReason: '与三月主题党日合并',
      });
      // Only A (5 of 5) is left: 10 for both.
      const lxLedger = await itemEntries(admin, CAMPAIGN, 'LX-LX', 'RC-ZB-03');
      expect(lxLedger.score).toBe(10);
      expect(lxLedger.entries.filter((e) => e.current)).toEqual([
        expect.objectContaining({
          points: 10,
          source: 'correction',
          reason: expect.stringContaining('与三月主题党日合并'),
        }),
      ]);
      expect((await rankingOf(admin, CAMPAIGN, '2026-03', 'LX-LX')).score).toBe(rcStar(10));
      expect((await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-03')).score).toBe(10);
      // Units that scored nothing are unchanged (no entry written).
      expect((await itemEntries(admin, CAMPAIGN, 'LX-SZ', 'RC-ZB-03')).entries).toEqual([]);
      const sub = await submitRaw(village, CAMPAIGN, b, 'RML-HZ');
      expect(sub.statusCode).toBe(409);
      await admin.post(`${base}/tasks/${a}/cancel`, { reason: '活动取消' });
      const ledger = await itemEntries(admin, CAMPAIGN, 'RML-HZ', 'RC-ZB-03');
      expect(ledger.score).toBeNull();
      expect(ledger.entries.filter((e) => e.current)).toEqual([
        expect.objectContaining({
          points: null,
          scorer: '日常任务',
          reason: expect.stringContaining('活动取消'),
        }),
      ]);
      const march = await rankingOf(admin, CAMPAIGN, '2026-03', 'RML-HZ');
      expect(march.score).toBe(0);
      const profile = await admin.get(`${base}/units/RML-HZ/items?month=2026-03`);
      expect(profile.statusCode, profile.body).toBe(200);
      const item = (profile.json().items as { code: string; score: number | null }[]).find(
        (i) => i.code === 'RC-ZB-03',
      );
      expect(item?.score).toBeNull();
      // A cancelled task is not in the unit's list.
      const list = await village.get(`${base}/units/RML-HZ/tasks`);
      expect((list.json().rows as { taskId: string }[]).map((r) => r.taskId)).not.toContain(a);
    });
  });

  describe('audience', () => {
    it('chosen units must target the star (400 unitCodes.N); others are not addressed (404), others’ units 403', async () => {
      await approveTarget(env(), CAMPAIGN, 'LX-SZ', 'CY');
      const notTargeting = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('chosen'),
        title: '产业项目推进',
        star: 'CY',
        month: '2026-09',
        points: 10,
        audience: 'chosen',
        unitCodes: ['LX-SZ', 'RML-HZ'],
      });
      expect(notTargeting.statusCode).toBe(400);
      expect(errorOf(notTargeting).field).toBe('unitCodes.1');
      const notAssessed = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('chosen'),
        title: '产业项目推进',
        star: 'ZB',
        month: '2026-09',
        points: 10,
        audience: 'chosen',
        unitCodes: ['LX', 'LX-SZ'],
      });
      expect(errorOf(notAssessed).field).toBe('unitCodes.0');
      const empty = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('chosen'),
        title: '产业项目推进',
        star: 'ZB',
        month: '2026-09',
        points: 10,
        audience: 'chosen',
      });
      expect(errorOf(empty).field).toBe('unitCodes');
      const noItem = await admin.post(`${base}/tasks`, {
        idempotencyKey: key('noitem'),
        title: '明年的任务',
        star: 'ZB',
        month: '2027-01',
        points: 10,
      });
      expect(errorOf(noItem).field).toBe('month');

      const cy = await issue(admin, CAMPAIGN, {
        title: '产业项目推进',
        star: 'CY',
        month: '2026-09',
        points: 10,
      });
      // Only LX-SZ targets CY.
      expect(cy.progress.addressed).toBe(1);
      const chosen = await issue(admin, CAMPAIGN, {
        title: '道路改造完成60%',
        month: '2026-09',
        points: 10,
        audience: 'chosen',
        unitCodes: ['LX-SZ', 'LX-LX'],
      });
      expect([...chosen.unitCodes].sort()).toEqual(['LX-LX', 'LX-SZ']);
      expect(chosen.progress.addressed).toBe(2);
      const detail = await taskDetail(admin, CAMPAIGN, chosen.id);
      expect(detail.units.map((u) => u.unitCode).sort()).toEqual(['LX-LX', 'LX-SZ']);

      expect((await admin.get(`${base}/tasks/${chosen.id}/units/RML-HZ`)).statusCode).toBe(404);
      expect((await submitRaw(village, CAMPAIGN, chosen.id, 'RML-HZ')).statusCode).toBe(404);
      expect((await submitRaw(village, CAMPAIGN, chosen.id, 'LX-SZ')).statusCode).toBe(403);
      expect((await village.get(`${base}/tasks/${chosen.id}`)).statusCode).toBe(404);
      expect((await village.get(`${base}/tasks/${chosen.id}/units/LX-SZ`)).statusCode).toBe(403);
      const villageList = await village.get(`${base}/tasks?month=2026-09`);
      expect((villageList.json().rows as { id: string }[]).map((r) => r.id)).not.toContain(chosen.id);

      // The chosen CY unit's score moves CY only: U is the mean over its targets ZB and CY.
      const sz = await villageLogin(env(), 'tk-sz', 'LX-SZ');
      await submit(sz, CAMPAIGN, cy.id, 'LX-SZ', { text: '9月产业项目完成投资进度' });
      await review(street, CAMPAIGN, cy.id, 'LX-SZ', {
        outcome: 'partial',
        points: 8,
        reason: '进度滞后于计划',
      });
      const row = await rankingOf(admin, CAMPAIGN, '2026-09', 'LX-SZ');
      expect(row.stars).toEqual({ ZB: 0, CY: (30 * 8) / 120, ST: null, PA: null, WM: null });
      expect(row.score).toBe((0 + (30 * 8) / 120) / 2);
      // The street admin reviews within its street only.
      const hz = await issue(admin, CAMPAIGN, { title: '九月主题党日', month: '2026-09', points: 10 });
      await submit(village, CAMPAIGN, hz.id, 'RML-HZ');
      const outside = await reviewRaw(street, CAMPAIGN, hz.id, 'RML-HZ', {
        outcome: 'full',
      });
      expect(outside.statusCode).toBe(403);
    });
  });
});
