import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  json,
  launchBrowser,
  loginAs,
  newContext,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

/** The narrowest phone the village pages are made for. */
const SMALL_PHONE = { width: 375, height: 812 };
const UNIT = 'RML-HZ';

interface Progress {
  addressed: number;
  submitted: number;
  scored: number;
}

interface Task {
  id: string;
  number: string;
  month: string;
  deadline: string;
  itemCode: string;
  progress: Progress;
}

interface UnitTaskRow {
  taskId: string;
  lastSubmittedAt: string | null;
  state: string;
  daysLeft: number;
  remind: boolean;
  effective: number | null;
  outcome: string | null;
  reason: string | null;
}

interface UnitTaskDetail {
  row: UnitTaskRow;
  submissions: { id: string; text: string; late: boolean; photos: unknown[] }[];
  reviews: { outcome: string; awarded: number | null; effective: number | null; reason: string | null }[];
  can: { submit: boolean; review: boolean };
}

/** A small real JPEG, as a phone camera would hand over. */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 60, g: 120, b: 200 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The China date `days` from now (the server's "today" is China's). */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('日常任务 in a real browser: issue, submit from a phone with a photo, review partially, the village reads it', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a task goes 待提交 → 待评分 → 已评分 (6 / 10 分 with the reason) and its score reaches the ledger', async () => {
    const api = `${server.url}/api/campaigns/WX2023`;

    // The district admin issues a task through the API. The demo campaign is 2023's and only December is
    // still open (January–November are locked, and a locked month takes no new tasks), so the task scores
    // into 2023-12; the server accepts any calendar day as the deadline, so it is a week from today, which
    // puts it inside the ten-day reminder window.
    const adminContext = await newContext(browser, DESKTOP);
    const admin = await adminContext.newPage();
    await loginAs(admin, server.url, 'admin');
    const { csrfToken } = await json<{ csrfToken: string }>(admin, `${server.url}/api/auth/me`);
    const deadline = chinaDay(7);
    const title = '开展12月主题党日活动并上报';
    const issued = await admin.request.post(`${api}/tasks`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        idempotencyKey: '6a1f7c2e-1d2b-4e8a-9c3d-5b7e0f4a2c91',
        title,
        description: '围绕“学习贯彻党的二十大精神”开展主题党日活动，全体党员参加。\n提交活动照片和会议记录。',
        star: 'ZB',
        month: '2023-12',
        deadline,
        points: 10,
        lateRule: 'deduct',
        lateDeduct: 50,
        remindDays: 10,
        audience: 'all',
      },
    });
    expect(issued.ok(), `issue → ${issued.status()} ${await issued.text()}`).toBe(true);
    const { task } = (await issued.json()) as { task: Task };
    expect(task.number).toMatch(/^RW-2023-\d{3}$/);
    expect(task.deadline).toBe(deadline);
    expect(task.progress.addressed).toBeGreaterThan(1);

    // The village user on a small phone: the menu's badge counts the task, 我的任务 reminds and lists it.
    const villageContext = await newContext(browser, SMALL_PHONE);
    const village = await villageContext.newPage();
    await loginAs(village, server.url, 'village');
    const reminders = await json<{ campaignCode: string; unitCode: string; remind: number }>(
      village,
      `${server.url}/api/task-reminders`,
    );
    expect(reminders).toMatchObject({ campaignCode: 'WX2023', unitCode: UNIT });
    expect(reminders.remind).toBeGreaterThanOrEqual(1);
    // The phone's menu button carries a dot while something waits, before the drawer is opened.
    await visible(village.getByRole('button', { name: '打开菜单' }).getByTestId('task-reminder-dot'));
    await village.getByRole('button', { name: '打开菜单' }).click();
    const menuEntry = village.getByRole('menuitem', { name: /我的任务/ });
    await visible(menuEntry);
    await visible(menuEntry.getByTestId('task-reminder-badge').getByText(/\d+/).first());
    await menuEntry.click();
    await village.waitForURL('**/my-tasks');
    await visible(village.getByTestId('task-remind-alert'));
    const card = village.getByTestId(`task-card-${task.id}`);
    await visible(card.getByText(title));
    await visible(card.getByText('待提交'));
    await visible(card.getByText('还剩 7 天'));
    await settle(village);
    await shoot(village, 'tasks-my-tasks-phone');
    await expectNoHorizontalScroll(village);

    // It opens the task, writes what was done, adds a photo and submits.
    await card.click();
    await village.waitForURL(`**/tasks/${task.id}/units/${UNIT}?campaign=WX2023`);
    const form = village.getByTestId('submit-card');
    await visible(form.getByText('提交完成情况'));
    await form
      .getByLabel('完成情况', { exact: true })
      .fill('12月15日在村党群服务中心开展主题党日活动，应到党员32名，实到30名，集中学习并开展志愿服务。');
    await form
      .locator('input[type=file][accept*="image"]')
      .setInputFiles({ name: 'party-day.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await form.locator('.ant-upload-list-item-done').first().waitFor({ state: 'visible', timeout: 15_000 });
    await settle(village);
    await shoot(village, 'tasks-submit-phone');
    await form.getByRole('button', { name: '提交', exact: true }).click();
    await visible(village.locator('.ant-message').getByText('已提交，等待评分'));
    const submitted = await json<UnitTaskDetail>(village, `${api}/tasks/${task.id}/units/${UNIT}`);
    expect(submitted.row.state).toBe('submitted');
    expect(submitted.submissions).toHaveLength(1);
    expect(submitted.submissions[0]?.photos).toHaveLength(1);
    expect(submitted.submissions[0]?.late).toBe(false);
    expect(submitted.can.submit).toBe(true); // a new version may follow until it is reviewed
    await visible(village.getByText('第 1 次提交'));

    // The district admin finds 何庄村 waiting in the task's table and scores it 6 of 10 with a reason.
    await admin.goto(`${server.url}/tasks/${task.id}?campaign=WX2023`);
    const hzRow = admin.locator('tr', { hasText: '何庄村' });
    await visible(hzRow.getByText('待评分'));
    await hzRow.getByText('何庄村').click();
    await admin.waitForURL(`**/tasks/${task.id}/units/${UNIT}?campaign=WX2023`);
    const review = admin.getByTestId('review-card');
    await visible(review.getByText('评第 1 次提交'));
    await review.getByLabel('部分得分', { exact: true }).check();
    await review.getByLabel('得分', { exact: true }).fill('6');
    const reason = '活动照片清晰，但缺少会议记录，扣4分';
    await review.getByLabel('理由', { exact: true }).fill(reason);
    await visible(review.getByTestId('review-preview').getByText('计入得分：6 / 10 分'));
    await review.getByRole('button', { name: '提交评分' }).click();
    await visible(admin.locator('.ant-message').getByText('评分已保存'));
    await visible(admin.getByTestId('task-score').getByText('6 / 10 分'));
    const reviewed = await json<UnitTaskDetail>(admin, `${api}/tasks/${task.id}/units/${UNIT}`);
    expect(reviewed.row).toMatchObject({ state: 'scored', outcome: 'partial', effective: 6, reason });
    expect(reviewed.reviews[0]).toMatchObject({ outcome: 'partial', awarded: 6, effective: 6, reason });
    await settle(admin);
    await shoot(admin, 'tasks-unit-reviewed-desktop');

    // The score reaches the month's 日常任务 item as a 日常任务 entry.
    const entries = await json<{ entries: { scorer: string; current: boolean }[] }>(
      admin,
      `${api}/units/${UNIT}/items/${encodeURIComponent(task.itemCode)}/entries`,
    );
    expect(entries.entries.some((e) => e.scorer === '日常任务' && e.current)).toBe(true);

    // The task's table shows the score and reason; the list shows the progress.
    await admin.goto(`${server.url}/tasks/${task.id}?campaign=WX2023`);
    await visible(hzRow.getByText('6 / 10 分'));
    await visible(hzRow.getByText(reason));
    await settle(admin);
    await shoot(admin, 'tasks-detail-desktop');
    await admin.goto(`${server.url}/tasks?campaign=WX2023&month=2023-12`);
    const listRow = admin.locator('tr', { hasText: title });
    await visible(listRow.getByText(`1/${task.progress.addressed}`));
    await settle(admin);
    await shoot(admin, 'tasks-list-desktop');

    // A demo task of December with units in every state: waiting for review, late, overdue, scored.
    const december = await json<{ rows: (Task & { progress: Progress & { overdue: number } })[] }>(
      admin,
      `${api}/tasks?month=2023-12`,
    );
    const mixed = december.rows.find((r) => r.progress.submitted > 0 && r.progress.overdue > 0);
    expect(mixed, 'a December demo task with units waiting and overdue').toBeDefined();
    await admin.goto(`${server.url}/tasks/${mixed?.id}?campaign=WX2023`);
    await visible(admin.getByText('待评分').first());
    await settle(admin);
    await shoot(admin, 'tasks-detail-demo-desktop');
    await admin.goto(`${server.url}/tasks?campaign=WX2023&month=2023-12`);

    // The issue drawer offers December (the only open month) with its last day as the deadline.
    await admin.getByRole('button', { name: '下发任务' }).click();
    const drawer = admin.locator('.ant-drawer');
    await visible(drawer.getByText('下发日常任务'));
    await visible(drawer.getByText('2023年12月'));
    await expect.poll(() => drawer.getByLabel('截止日期').inputValue()).toBe('2023-12-31');
    await drawer.getByLabel('指定单位').check();
    await visible(drawer.getByText('仅列出以该星为创建目标的村(社区)'));
    await settle(admin);
    await shoot(admin, 'tasks-issue-drawer-desktop');
    await drawer.getByRole('button', { name: '取消', exact: true }).click();

    // The same pages on a phone, for the admin.
    await admin.setViewportSize(SMALL_PHONE);
    await admin.goto(`${server.url}/tasks?campaign=WX2023`);
    await visible(admin.getByText(title).first());
    await settle(admin);
    await shoot(admin, 'tasks-list-phone');
    await expectNoHorizontalScroll(admin);
    await admin.goto(`${server.url}/tasks/${task.id}?campaign=WX2023`);
    await visible(admin.getByText('6 / 10 分').first());
    await settle(admin);
    await shoot(admin, 'tasks-detail-phone');
    await expectNoHorizontalScroll(admin);

    // The village sees its score and the reviewer's reason, in the list and on the task.
    await village.goto(`${server.url}/my-tasks`);
    const scoredCard = village.getByTestId(`task-card-${task.id}`);
    await visible(scoredCard.getByText('已评分'));
    await visible(scoredCard.getByText('6 / 10 分'));
    await visible(scoredCard.getByText(reason));
    await scoredCard.click();
    await visible(village.getByTestId('task-score').getByText('6 / 10 分'));
    await visible(village.getByTestId('task-reason').getByText(reason));
    expect(await village.getByTestId('submit-card').count()).toBe(0);
    await settle(village);
    await shoot(village, 'tasks-unit-scored-phone');
    await expectNoHorizontalScroll(village);

    // In English the task pages fetch their own messages.
    await village.getByRole('button', { name: '切换为英文界面' }).click();
    await visible(village.getByText('Where it stands'));
    await visible(village.getByTestId('task-score').getByText('6 / 10 pts'));
    await settle(village);
    await shoot(village, 'tasks-unit-scored-phone-en');
    await villageContext.close();
    await adminContext.close();
  });

  it('a late submission is returned, completed with a document, and scored with the late rule applied', async () => {
    const api = `${server.url}/api/campaigns/WX2023`;
    const adminContext = await newContext(browser, DESKTOP);
    const admin = await adminContext.newPage();
    await loginAs(admin, server.url, 'admin');
    const adminToken = (await json<{ csrfToken: string }>(admin, `${server.url}/api/auth/me`)).csrfToken;

    // A task for 何庄村 alone whose deadline has passed: a submission now is late, and loses a quarter.
    const title = '报送2023年度党员发展计划';
    const issued = await admin.request.post(`${api}/tasks`, {
      headers: { 'x-csrf-token': adminToken },
      data: {
        idempotencyKey: '0c9e3b1a-7f5d-4c2e-8a6b-2d4f1e3c5a70',
        title,
        description: '按要求填写党员发展计划表并附支委会会议记录。',
        star: 'ZB',
        month: '2023-12',
        deadline: '2023-12-20',
        points: 8,
        lateRule: 'deduct',
        lateDeduct: 25,
        remindDays: 3,
        audience: 'chosen',
        unitCodes: [UNIT],
      },
    });
    expect(issued.ok(), `issue → ${issued.status()} ${await issued.text()}`).toBe(true);
    const { task } = (await issued.json()) as { task: Task };
    expect(task.progress.addressed).toBe(1);

    // The village sees it overdue and submits a first version (through the API: the form is tested above).
    const villageContext = await newContext(browser, SMALL_PHONE);
    const village = await villageContext.newPage();
    await loginAs(village, server.url, 'village');
    const villageToken = (await json<{ csrfToken: string }>(village, `${server.url}/api/auth/me`)).csrfToken;
    const first = await village.request.post(`${api}/tasks/${task.id}/units/${UNIT}/submissions`, {
      headers: { 'x-csrf-token': villageToken },
      data: { idempotencyKey: '5d2a8c4e-1b3f-4a6d-9e7c-0f8b2a4c6e11', text: '已制定党员发展计划。' },
    });
    expect(first.ok(), `submit → ${first.status()} ${await first.text()}`).toBe(true);

    // The admin returns it: the plan table is missing.
    await admin.goto(`${server.url}/tasks/${task.id}/units/${UNIT}?campaign=WX2023`);
    const review = admin.getByTestId('review-card');
    await visible(review.getByText('逾期提交'));
    await review.getByLabel('退回补充', { exact: false }).check();
    await visible(review.getByTestId('review-preview').getByText('退回后不计分'));
    const returnReason = '未附党员发展计划表和支委会会议记录，请补充';
    await review.getByLabel('理由', { exact: true }).fill(returnReason);
    await review.getByRole('button', { name: '退回', exact: true }).click();
    await visible(admin.locator('.ant-message').getByText('已退回，等待单位补充'));

    // The village finds it returned with the reason, and submits again with the plan as a PDF.
    await village.goto(`${server.url}/my-tasks`);
    const card = village.getByTestId(`task-card-${task.id}`);
    await visible(card.getByText('已退回'));
    await visible(card.getByText(returnReason));
    await settle(village);
    await shoot(village, 'tasks-my-tasks-returned-phone');
    await card.click();
    const form = village.getByTestId('submit-card');
    await visible(form.getByText(returnReason));
    await visible(form.getByText('现在提交属于逾期提交', { exact: false }));
    await form.getByLabel('完成情况', { exact: true }).fill('已补充党员发展计划表和12月支委会会议记录。');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await form
      .locator('input[type=file][accept*=".pdf"]')
      .setInputFiles({ name: '党员发展计划.pdf', mimeType: 'application/pdf', buffer: pdf });
    await form.locator('.ant-upload-list-item-done').first().waitFor({ state: 'visible', timeout: 15_000 });
    await form.getByRole('button', { name: '提交新版本' }).click();
    await visible(village.locator('.ant-message').getByText('已提交，等待评分'));
    await visible(village.getByText('第 2 次提交'));
    await visible(village.getByRole('link', { name: /党员发展计划\.pdf/ }));

    // The admin gives full marks; the preview and the result count 6 of 8 after the late rule.
    await admin.reload();
    await visible(review.getByText('评第 2 次提交'));
    await review.getByLabel('满分（8 分）').check();
    await visible(
      review.getByTestId('review-preview').getByText('逾期提交：评 8 分，按逾期规则计入 6 / 8 分'),
    );
    await review.getByRole('button', { name: '提交评分' }).click();
    await visible(admin.locator('.ant-message').getByText('评分已保存'));
    const scored = await json<UnitTaskDetail>(admin, `${api}/tasks/${task.id}/units/${UNIT}`);
    expect(scored.row).toMatchObject({ state: 'scored', outcome: 'full', effective: 6 });
    expect(scored.submissions).toHaveLength(2);
    expect(scored.reviews.map((r) => r.outcome)).toEqual(['full', 'returned']);

    await village.reload();
    await visible(village.getByTestId('task-score').getByText('6 / 8 分'));
    await visible(village.getByText('评 8 分，逾期提交按规则计 6 分').first());
    await settle(village);
    await shoot(village, 'tasks-unit-late-phone');
    await villageContext.close();
    await adminContext.close();
  });

  it('a street admin reads and reviews its own street only; an inspector reads without acting', async () => {
    const api = `${server.url}/api/campaigns/WX2023`;
    const context = await newContext(browser, DESKTOP);
    const street = await context.newPage();
    await loginAs(street, server.url, 'street');
    const december = await json<{ rows: Task[] }>(street, `${api}/tasks?month=2023-12`);
    const first = december.rows[0] as Task;
    expect(first).toBeDefined();
    const detail = await json<{ units: (UnitTaskRow & { unitCode: string; streetName: string | null })[] }>(
      street,
      `${api}/tasks/${first.id}`,
    );
    expect(detail.units.length).toBeGreaterThan(0);
    expect(detail.units.every((u) => u.streetName === '龙兴街道')).toBe(true);

    await street.goto(`${server.url}/tasks?campaign=WX2023&month=2023-12`);
    await visible(street.getByText(first.number).first());
    expect(await street.getByRole('button', { name: '下发任务' }).count()).toBe(0);
    await street.goto(`${server.url}/tasks/${first.id}?campaign=WX2023`);
    await visible(street.locator('tr', { hasText: '龙兴村' }).first());
    expect(await street.locator('tr', { hasText: '何庄村' }).count()).toBe(0);
    expect(await street.getByRole('button', { name: '编辑' }).count()).toBe(0);

    // One of its villages with a submission: the street admin may review (here: correct) it.
    const reviewable = detail.units.find((u) => u.lastSubmittedAt !== null) as UnitTaskRow & {
      unitCode: string;
    };
    expect(reviewable).toBeDefined();
    await street.goto(`${server.url}/tasks/${first.id}/units/${reviewable.unitCode}?campaign=WX2023`);
    await visible(street.getByTestId('review-card'));
    // 何庄村 is another street's: its page is refused.
    await street.goto(`${server.url}/tasks/${first.id}/units/${UNIT}?campaign=WX2023`);
    await visible(street.getByText('加载失败'));
    await context.close();

    const inspectorContext = await newContext(browser, DESKTOP);
    const inspector = await inspectorContext.newPage();
    await loginAs(inspector, server.url, 'inspector');
    await inspector.goto(`${server.url}/tasks?campaign=WX2023&month=2023-12`);
    await visible(inspector.getByText(first.number).first());
    expect(await inspector.getByRole('button', { name: '下发任务' }).count()).toBe(0);
    await inspector.goto(`${server.url}/tasks/${first.id}/units/${reviewable.unitCode}?campaign=WX2023`);
    await visible(inspector.getByText('任务要求'));
    expect(await inspector.getByTestId('review-card').count()).toBe(0);
    expect(await inspector.getByTestId('submit-card').count()).toBe(0);
    await inspectorContext.close();
  });
});

/** The page fits the phone's width: nothing sticks out sideways. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}
