import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxItemView, InboxView } from '../src/contracts/inbox';
import { newId } from '../src/lib/ids';
import { createCampaign } from '../src/services/campaign.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';
import { makeInspector } from './supervisionHelpers';
import { day, issue, key, review, submit, villageLogin } from './tasksHelpers';

/**
 * 消息提醒: each role's inbox holds exactly what needs it (on a fixture campaign of known tasks and problems),
 * counts, read marks (idempotent, one audit record), and a new event reappearing unread.
 */

const CAMPAIGN = 'IB2026';

async function inbox(client: Client): Promise<InboxView> {
  const res = await client.get('/api/inbox');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The fixture campaign's items as `kind ref unit`, sorted. */
async function mine(client: Client): Promise<string[]> {
  return (await inbox(client)).items
    .filter((i) => i.campaignCode === CAMPAIGN)
    .map((i) => `${i.kind} ${i.ref} ${i.unitCode}`)
    .sort();
}

async function itemOf(client: Client, kind: string, ref: string): Promise<InboxItemView> {
  const item = (await inbox(client)).items.find(
    (i) => i.campaignCode === CAMPAIGN && i.kind === kind && i.ref === ref,
  );
  if (!item) throw new Error(`no ${kind} ${ref}`);
  return item;
}

async function count(env: TestEnv, table: 'notification_reads' | 'audit_log', action?: string) {
  let q = env.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (action && table === 'audit_log') q = q.where('action', '=', action);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describeEachDialect('inbox: what needs each role, counts and read marks', (env) => {
  let admin: Client;
  let street: Client;
  let village: Client;
  let lxVillage: Client;
  let inspector: Client;
  let judge: Client;
  const refs: Record<string, string> = {};

  async function raise(unitCode: string, deadline: string, description: string): Promise<string> {
    const res = await admin.post('/api/problems', {
      idempotencyKey: key('raise'),
      campaign: CAMPAIGN,
      unitCode,
      star: 'ZB',
      source: 'supervision',
      description,
      severity: 'minor',
      deadline,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { problem: { id: string; number: string } };
    refs[description] = body.problem.number;
    return body.problem.id;
  }

  async function rectify(client: Client, id: string) {
    const res = await client.post(`/api/problems/${id}/rectify`, {
      idempotencyKey: key('rect'),
      note: '已整改',
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  beforeAll(async () => {
    await createCampaign(env().system(), {
      code: CAMPAIGN,
      name: '消息测试',
      year: 2026,
      template: 'five-star',
    });
    admin = await env().login('admin');
    street = await env().login('street');
    village = await env().login('village');
    judge = await env().login('judge');
    inspector = await makeInspector(env(), 'ib-inspector', ['LX']);
    lxVillage = await villageLogin(env(), 'ib-lxlx', 'LX-LX');
    const chosen = { audience: 'chosen', unitCodes: ['RML-HZ', 'LX-LX'], month: '2026-03' };
    const a = await issue(admin, CAMPAIGN, { ...chosen, title: '即将到期', deadline: day(2) });
    const b = await issue(admin, CAMPAIGN, { ...chosen, title: '已逾期', deadline: day(-2) });
    await issue(admin, CAMPAIGN, { ...chosen, title: '还早', deadline: day(20) });
    const d = await issue(admin, CAMPAIGN, { ...chosen, title: '退回重做', deadline: day(20) });
    Object.assign(refs, { A: a.number, B: b.number, D: d.number, dId: d.id });
    await submit(village, CAMPAIGN, d.id, 'RML-HZ');
    await review(admin, CAMPAIGN, d.id, 'RML-HZ', { outcome: 'returned', reason: '材料不全' });
    await submit(lxVillage, CAMPAIGN, d.id, 'LX-LX');

    await raise('RML-HZ', day(10), 'P1 新问题');
    await raise('RML-HZ', day(1), 'P2 即将逾期');
    // Raised in time, then its deadline passed (the API takes no deadline before today).
    const p3 = await raise('RML-HZ', day(5), 'P3 已逾期');
    await env()
      .database.db.updateTable('problems')
      .set({ deadline: day(-1) })
      .where('id', '=', p3)
      .execute();
    const p4 = await raise('RML-HZ', day(10), 'P4 回头看未通过');
    await rectify(village, p4);
    expect(
      (await admin.post(`/api/problems/${p4}/start-review`, { idempotencyKey: key('start') })).statusCode,
    ).toBe(200);
    const failed = await admin.post(`/api/problems/${p4}/review`, {
      idempotencyKey: key('fail'),
      passed: false,
      note: '整改不到位',
    });
    expect(failed.statusCode, failed.body).toBe(200);
    refs.p5Id = await raise('LX-LX', day(10), 'P5 待回头看');
    await rectify(lxVillage, refs.p5Id);
    await rectify(village, await raise('RML-HZ', day(10), 'P6 已提交'));
  });

  describe('what needs each role', () => {
    it('a village: its tasks due soon, overdue, returned; its open problems new, due soon, overdue, failed', async () => {
      expect(await mine(village)).toEqual(
        [
          `task.dueSoon ${refs.A} RML-HZ`,
          `task.overdue ${refs.B} RML-HZ`,
          `task.returned ${refs.D} RML-HZ`,
          `problem.new ${refs['P1 新问题']} RML-HZ`,
          `problem.dueSoon ${refs['P2 即将逾期']} RML-HZ`,
          `problem.overdue ${refs['P3 已逾期']} RML-HZ`,
          `problem.failed ${refs['P4 回头看未通过']} RML-HZ`,
        ].sort(),
      );
      const item = await itemOf(village, 'task.dueSoon', refs.A ?? '');
      expect(item.daysLeft).toBe(2);
      expect(item.link).toBe(`/tasks/${item.key.split(':')[1]}/units/RML-HZ?campaign=${CAMPAIGN}`);
      expect((await itemOf(village, 'problem.overdue', refs['P3 已逾期'] ?? '')).daysLeft).toBe(-1);
    });

    it('another village sees only its own unit', async () => {
      expect(await mine(lxVillage)).toEqual(
        [`task.dueSoon ${refs.A} LX-LX`, `task.overdue ${refs.B} LX-LX`].sort(),
      );
    });

    it('a street admin: its villages’ submissions and rectifications waiting for review', async () => {
      expect(await mine(street)).toEqual(
        [`task.review ${refs.D} LX-LX`, `problem.review ${refs['P5 待回头看']} LX-LX`].sort(),
      );
    });

    it('an inspector: rectifications in its assigned units waiting for the look-back', async () => {
      expect(await mine(inspector)).toEqual([`problem.review ${refs['P5 待回头看']} LX-LX`]);
    });

    it('the district admin: every submission waiting for review (the demo’s three in December too)', async () => {
      expect(await mine(admin)).toEqual([`task.review ${refs.D} LX-LX`]);
      const demo = (await inbox(admin)).items.filter((i) => i.campaignCode === 'WX2023');
      // …and the demo's one talk left overdue (龙山村, 2023-Q4: seeded by the warnings demo).
      expect(demo.map((i) => i.kind).sort()).toEqual([
        'talk.overdue',
        'task.review',
        'task.review',
        'task.review',
      ]);
    });

    it('a judge has nothing; the public is refused', async () => {
      expect(await inbox(judge)).toMatchObject({ items: [], total: 0, unread: 0 });
      expect((await env().anonymous().get('/api/inbox')).statusCode).toBe(401);
    });

    it('a thing done leaves the inbox at once', async () => {
      const res = await street.post(`/api/problems/${refs.p5Id}/start-review`, {
        idempotencyKey: key('start'),
      });
      expect(res.statusCode, res.body).toBe(200);
      // Still waiting for the look-back's result, now in 回头看: a new key, the same item for the street.
      expect(await mine(street)).toContain(`problem.review ${refs['P5 待回头看']} LX-LX`);
      const passed = await street.post(`/api/problems/${refs.p5Id}/review`, {
        idempotencyKey: key('pass'),
        passed: true,
      });
      expect(passed.statusCode, passed.body).toBe(200);
      expect(await mine(street)).toEqual([`task.review ${refs.D} LX-LX`]);
      expect(await mine(inspector)).toEqual([]);
    });
  });

  describe('warnings and talks (预警, 谈话提醒)', () => {
    const ids: Record<string, string> = {};

    /** A warning as an evaluation would store it; its talk due `due` days from today. */
    async function warn(unitCode: string, level: string, due: number, period: string): Promise<string> {
      const repos = env().system().repos;
      const campaign = await repos.campaigns.findByCode(CAMPAIGN);
      const unit = await repos.units.findByCode(unitCode);
      if (!campaign || !unit) throw new Error('fixture');
      const evaluation = newId();
      const now = new Date().toISOString();
      await repos.warnings.insertEvaluation({
        id: evaluation,
        campaign_id: campaign.id,
        period,
        sequence: await repos.warnings.nextSequence(campaign.id, period),
        as_of: day(0),
        rules: '{}',
        raised: 1,
        kept: 0,
        updated: 0,
        lifted: 0,
        evaluated_by: null,
        evaluated_by_name: '测试',
        evaluated_at: now,
        idempotency_key: key('eval'),
        fingerprint: 'x',
      });
      const id = newId();
      await repos.warnings.insert({
        id,
        campaign_id: campaign.id,
        unit_id: unit.id,
        period,
        level,
        reasons: 'bottom',
        rank: 20,
        total: 20,
        score: 50,
        rate: 50,
        overdue: 0,
        bottom_cutoff_rank: 18,
        status: 'active',
        raised_evaluation_id: evaluation,
        raised_at: now,
        raised_on: day(due - 10),
        talk_due_on: day(due),
        checked_evaluation_id: evaluation,
        lifted_evaluation_id: null,
        lifted_at: null,
        lifted_on: null,
        lift_reason: null,
      });
      return id;
    }

    beforeAll(async () => {
      ids.hz = await warn('RML-HZ', 'red', 5, '2026-Q1');
      ids.lxDue = await warn('LX-LX', 'yellow', 4, '2026-Q1');
      ids.lxLate = await warn('LX-DY', 'yellow', -2, '2026-Q2');
    });

    const warningsOf = async (client: Client) =>
      (await mine(client)).filter((i) => i.startsWith('warning.') || i.startsWith('talk.'));

    it('a village sees the warning on its unit; a street admin the talks due and overdue in its street', async () => {
      expect(await warningsOf(village)).toEqual(['warning.unit 2026-Q1 RML-HZ']);
      expect(await warningsOf(lxVillage)).toEqual(['warning.unit 2026-Q1 LX-LX']);
      expect(await warningsOf(street)).toEqual(['talk.due 2026-Q1 LX-LX', 'talk.overdue 2026-Q2 LX-DY']);
      expect(await warningsOf(inspector)).toEqual([]);
    });

    it('the district admin sees the talks overdue', async () => {
      expect(await warningsOf(admin)).toEqual(['talk.overdue 2026-Q2 LX-DY']);
      const item = (await inbox(admin)).items.find(
        (i) => i.kind === 'talk.overdue' && i.unitCode === 'LX-DY',
      );
      expect(item?.daysLeft).toBe(-2);
      expect(item?.link).toBe(`/warnings/${ids.lxLate}?campaign=${CAMPAIGN}`);
      expect(item).toMatchObject({ level: 'yellow', title: '黄色预警' });
      expect(await itemOf(village, 'warning.unit', '2026-Q1')).toMatchObject({
        level: 'red',
        title: '红色预警',
      });
    });

    it('a recorded talk turns the street’s item into the warning itself', async () => {
      await env()
        .system()
        .repos.warnings.insertTalk({
          id: newId(),
          warning_id: ids.lxDue ?? '',
          kind: 'reminder',
          talked_on: day(0),
          talker: '街道党工委书记',
          talkee: '村党支部书记',
          agreed: '一月内整改',
          follow_up_on: null,
          recorded_by: null,
          recorded_by_name: '测试',
          recorded_on: day(0),
          recorded_at: new Date().toISOString(),
          idempotency_key: key('talk'),
          fingerprint: 'x',
        });
      expect(await warningsOf(street)).toEqual([
        'talk.overdue 2026-Q2 LX-DY',
        'warning.street 2026-Q1 LX-LX',
      ]);
    });

    it('a red warning keeps a unit off the candidate list', async () => {
      const res = await admin.get(
        `/api/campaigns/${CAMPAIGN}/results/candidates?minStars=0&excludeRedWarning=true`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const hz = res.json().rows.find((r: { unitCode: string }) => r.unitCode === 'RML-HZ');
      expect(hz).toMatchObject({ redWarning: true, eligible: false, misses: ['redWarning'] });
      const off = await admin.get(
        `/api/campaigns/${CAMPAIGN}/results/candidates?minStars=0&excludeRedWarning=false`,
      );
      expect(off.json().rows.find((r: { unitCode: string }) => r.unitCode === 'RML-HZ').eligible).toBe(true);
    });
  });

  describe('objections (公示异议)', () => {
    it('the district admin sees each objection waiting for a decision, until it is decided', async () => {
      const published = await admin.post('/api/publications', {
        idempotencyKey: key('pub'),
        campaignCode: CAMPAIGN,
        period: '2026-Q1',
        scope: 'internal',
        contact: '区委组织部 电话 0000-1234567',
      });
      expect(published.statusCode, published.body).toBe(200);
      const pub = published.json().publication as { id: string; number: string };
      const filed = await village.post(`/api/publications/${pub.id}/objections`, {
        idempotencyKey: key('obj'),
        unitCode: 'RML-HZ',
        reason: '一季度得分有误',
      });
      expect(filed.statusCode, filed.body).toBe(200);
      const objection = filed.json().objection as { id: string };
      const objections = async (client: Client) =>
        (await mine(client)).filter((i) => i.startsWith('objection.'));
      expect(await objections(admin)).toEqual([`objection.pending ${pub.number} RML-HZ`]);
      const item = await itemOf(admin, 'objection.pending', pub.number);
      expect(item).toMatchObject({ title: '一季度得分有误', link: `/publications/${pub.id}`, read: false });
      expect(await objections(street)).toEqual([]);
      expect(await objections(village)).toEqual([]);
      const rejected = await admin.post(`/api/publications/${pub.id}/objections/${objection.id}/reject`, {
        reason: '经核实得分无误',
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect(await objections(admin)).toEqual([]);
    });
  });

  describe('counts and read marks', () => {
    it('counts unread; marking read is idempotent and audited once; read-all clears the count', async () => {
      const before = await inbox(village);
      expect(before.total).toBe(before.items.length);
      expect(before.unread).toBe(before.items.filter((i) => !i.read).length);
      expect(before.unread).toBe(before.total);
      const target = await itemOf(village, 'task.dueSoon', refs.A ?? '');
      const marks = await count(env(), 'notification_reads');
      const audits = await count(env(), 'audit_log', 'inbox.read');
      const first = await village.post('/api/inbox/read', { keys: [target.key] });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().unread).toBe(before.unread - 1);
      expect(first.json().items.find((i: InboxItemView) => i.key === target.key).read).toBe(true);
      const again = await village.post('/api/inbox/read', { keys: [target.key] });
      expect(again.json().unread).toBe(before.unread - 1);
      expect(await count(env(), 'notification_reads')).toBe(marks + 1);
      expect(await count(env(), 'audit_log', 'inbox.read')).toBe(audits + 1);
      // Another user's inbox is untouched by the village's marks.
      expect((await inbox(lxVillage)).unread).toBe((await inbox(lxVillage)).total);
      // A key not in the inbox is skipped, not stored.
      const stray = await village.post('/api/inbox/read', { keys: ['task:nope:nope:due'] });
      expect(stray.statusCode).toBe(200);
      expect(await count(env(), 'notification_reads')).toBe(marks + 1);
      const empty = await village.post('/api/inbox/read', { keys: [] });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.field).toBe('keys');

      const all = await village.post('/api/inbox/read-all', {});
      expect(all.statusCode, all.body).toBe(200);
      expect(all.json().unread).toBe(0);
      expect(await count(env(), 'notification_reads')).toBe(marks + before.total);
      expect((await village.post('/api/inbox/read-all', {})).json().unread).toBe(0);
      expect(await count(env(), 'notification_reads')).toBe(marks + before.total);
      expect(await count(env(), 'audit_log', 'inbox.read')).toBe(audits + 2);
    });

    it('a new event is a new item, unread, though the old one was read', async () => {
      expect((await inbox(village)).unread).toBe(0);
      await submit(village, CAMPAIGN, refs.dId ?? '', 'RML-HZ');
      expect(await mine(village)).not.toContain(`task.returned ${refs.D} RML-HZ`);
      await review(admin, CAMPAIGN, refs.dId ?? '', 'RML-HZ', { outcome: 'returned', reason: '仍不全' });
      const back = await itemOf(village, 'task.returned', refs.D ?? '');
      expect(back.read).toBe(false);
      expect((await inbox(village)).unread).toBe(1);
    });
  });
});
