import { expect, it } from 'vitest';
import { planTaskLedger, TASK_SCORER } from '../src/services/taskLedger';
import { loadTaskCampaign } from '../src/services/taskLoader';
import { describeEachDialect } from './harness';

/**
 * The demo year's 日常任务 (WX2023): two 支部过硬星 tasks of 5 and one task of 10 for every other star each month,
 * plus a chosen milestone; every RC ledger entry is exactly what the app's recompute makes of the reviews, and
 * December shows every state (waiting for review, returned with a reason, overdue).
 */

describeEachDialect('daily tasks: the demo year', (env) => {
  it('issues the year’s tasks: ZB two of 5 a month, every other star one of 10, one chosen milestone', async () => {
    const db = env().database.db;
    const campaign = await env().system().repos.campaigns.findByCode('WX2023');
    const tasks = await env()
      .system()
      .repos.tasks.list(campaign?.id ?? '');
    expect(tasks).toHaveLength(73);
    expect(tasks.map((t) => t.number)).toEqual(
      Array.from({ length: 73 }, (_, i) => `RW-2023-${String(i + 1).padStart(3, '0')}`),
    );
    for (let m = 1; m <= 12; m++) {
      const month = `2023-${String(m).padStart(2, '0')}`;
      const of = (star: string) => tasks.filter((t) => t.month === month && t.star === star);
      expect(of('ZB').map((t) => t.points)).toEqual([5, 5]);
      for (const star of ['ST', 'PA', 'WM']) expect(of(star).map((t) => t.points)).toEqual([10]);
      expect(of('CY')).toHaveLength(m === 5 ? 2 : 1);
      expect(of('ZB').every((t) => t.deadline.startsWith(month) && t.demo === 1)).toBe(true);
    }
    const milestone = tasks.find((t) => t.audience === 'chosen');
    expect(milestone?.title).toContain('60%');
    const chosen = await db
      .selectFrom('task_units')
      .selectAll()
      .where('task_id', '=', milestone?.id ?? '')
      .execute();
    expect(chosen.length).toBeGreaterThan(0);
    // Reviewers give reasons wherever they do not give full marks.
    const reviews = await db.selectFrom('task_reviews').selectAll().execute();
    expect(reviews.every((r) => r.reviewer_name === '区委组织部')).toBe(true);
    expect(reviews.filter((r) => r.outcome !== 'full').every((r) => (r.reason ?? '').length > 4)).toBe(true);
    expect(new Set(reviews.map((r) => r.outcome))).toEqual(new Set(['full', 'partial', 'zero', 'returned']));
  });

  it('writes every RC ledger entry the app’s recompute would: nothing left to change', async () => {
    const repos = env().system().repos;
    const campaign = await repos.campaigns.findByCode('WX2023');
    if (!campaign) throw new Error('no demo campaign');
    const tc = await loadTaskCampaign(repos, campaign);
    for (const star of tc.stars)
      for (let m = 1; m <= 12; m++) {
        const month = `2023-${String(m).padStart(2, '0')}`;
        expect(
          await planTaskLedger(
            repos,
            tc,
            star.code,
            month,
            tc.units.map((u) => u.id),
          ),
        ).toEqual([]);
      }
    const rc = await env()
      .database.db.selectFrom('score_entries as e')
      .innerJoin('campaign_items as i', 'i.id', 'e.item_id')
      .select(['e.scorer', 'e.source'])
      .where('i.module', '=', 'RC')
      .where('e.campaign_id', '=', campaign.id)
      .execute();
    expect(rc.length).toBeGreaterThan(700);
    expect(rc.every((e) => e.scorer === TASK_SCORER && e.source === 'sheet')).toBe(true);
  });

  it('December shows every state; the village login has one returned task to redo', async () => {
    const admin = await env().login('admin');
    const list = await admin.get('/api/campaigns/WX2023/tasks?month=2023-12');
    expect(list.statusCode).toBe(200);
    const total = { submitted: 0, returned: 0, overdue: 0, scored: 0, pending: 0 };
    for (const row of list.json().rows as { progress: typeof total }[])
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += row.progress[k];
    expect(total).toMatchObject({ submitted: 3, returned: 1, overdue: 2, pending: 0 });
    const village = await env().login('village');
    const mine = await village.get('/api/campaigns/WX2023/units/RML-HZ/tasks');
    const returned = (mine.json().rows as { state: string; reason: string | null; month: string }[]).filter(
      (r) => r.state === 'returned',
    );
    expect(returned).toEqual([
      expect.objectContaining({ month: '2023-12', reason: expect.stringContaining('请补充') }),
    ]);
    expect((await village.get('/api/task-reminders')).json()).toMatchObject({
      campaignCode: 'WX2023',
      returned: 1,
    });
  });
});
