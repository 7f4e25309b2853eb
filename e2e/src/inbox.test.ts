import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  json,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

interface InboxItem {
  key: string;
  kind: string;
  ref: string;
  link: string;
  read: boolean;
}
interface Inbox {
  items: InboxItem[];
  total: number;
  unread: number;
}

describe('消息提醒 and 结果运用 in a real browser', () => {
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

  it('a village on a phone: the bell counts what needs it, the inbox lists it, mark all read clears the count', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'village');
    const inbox = await json<Inbox>(page, `${server.url}/api/inbox`);
    // The demo's 何庄村: a task returned to redo and overdue problems, among others.
    expect(inbox.unread).toBeGreaterThan(0);
    expect(inbox.items.map((i) => i.kind)).toContain('task.returned');
    expect(inbox.items.map((i) => i.kind)).toContain('problem.overdue');
    const bell = page.getByTestId('inbox-bell');
    await visible(bell);
    await expect
      .poll(async () => (await page.getByTestId('inbox-count').locator('.ant-scroll-number').count()) > 0)
      .toBe(true);
    await bell.click();
    await page.waitForURL(/\/inbox$/);
    await visible(page.getByText('消息提醒').first());
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(inbox.total);
    await expect
      .poll(() => page.locator('[data-testid=inbox-item][data-read=false]').count())
      .toBe(inbox.unread);
    await visible(page.getByText('任务被退回').first());
    await visible(page.getByText('问题已逾期').first());
    await settle(page);
    await shoot(page, 'inbox-village-phone');

    // Opening an item marks it read and goes to its page.
    const first = inbox.items[0];
    if (!first) throw new Error('empty inbox');
    await page.locator('[data-testid=inbox-item]').first().click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === first.link);
    await expect
      .poll(async () => (await json<Inbox>(page, `${server.url}/api/inbox`)).unread)
      .toBe(inbox.unread - (first.read ? 0 : 1));

    await page.goto(`${server.url}/inbox`);
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => page.locator('[data-testid=inbox-item][data-read=false]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('inbox-count').locator('.ant-scroll-number').count()).toBe(0);
    expect((await json<Inbox>(page, `${server.url}/api/inbox`)).unread).toBe(0);
    await settle(page);
    await shoot(page, 'inbox-village-phone-read');
    await context.close();
  });

  it('a street admin on a phone, in English: its villages’ items with their English labels', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    const inbox = await json<Inbox>(page, `${server.url}/api/inbox`);
    expect(inbox.total).toBeGreaterThan(0);
    await page
      .getByRole('button', { name: /EN|切换为英文界面/ })
      .first()
      .click();
    // The switch takes effect in place (no reload): the bell's label turns English, then it opens the inbox.
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await visible(bell);
    await bell.click();
    await page.waitForURL(/\/inbox$/);
    await visible(page.getByRole('heading', { name: 'Notifications' }));
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(inbox.total);
    await settle(page);
    await shoot(page, 'inbox-street-phone-en');
    await context.close();
  });

  it('the district admin: submissions to review in the inbox; 结果运用 with rules, counts and exports', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    const inbox = await json<Inbox>(page, `${server.url}/api/inbox`);
    expect(inbox.items.filter((i) => i.kind === 'task.review')).toHaveLength(3);
    await page.getByTestId('inbox-bell').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(inbox.total);
    await settle(page);
    await shoot(page, 'inbox-admin-desktop');

    await page.getByRole('menuitem', { name: '结果运用' }).click();
    await page.waitForURL(/\/results/);
    await visible(page.getByText('二、“两优一先”候选名单'));
    await visible(page.getByText('三、街道汇总（干部考核用）'));
    const api = `${server.url}/api/campaigns/WX2023/results`;
    const three = await json<{ candidates: number; rows: unknown[] }>(
      page,
      `${api}/candidates?minStars=3&excludeVetoed=true&excludeRedWarning=true`,
    );
    await expect
      .poll(() => page.getByTestId('candidate-count').textContent())
      .toContain(`入选 ${three.candidates} 个 / 参评 ${three.rows.length} 个`);
    await page.getByLabel('星级不少于').fill('4');
    const four = await json<{ candidates: number }>(
      page,
      `${api}/candidates?minStars=4&excludeVetoed=true&excludeRedWarning=true`,
    );
    await expect
      .poll(() => page.getByTestId('candidate-count').textContent())
      .toContain(`入选 ${four.candidates} 个`);
    const href = await page.getByRole('link', { name: '导出候选名单' }).getAttribute('href');
    expect(href).toContain('minStars=4');
    const file = await page.request.get(`${server.url}${href}`);
    expect(file.ok()).toBe(true);
    expect(file.headers()['content-disposition']).toContain(encodeURIComponent('两优一先候选名单'));
    const streets = await page.request.get(`${api}/streets/export`);
    expect(streets.ok()).toBe(true);
    await page.getByLabel('星级不少于').fill('3');
    await expect
      .poll(() => page.getByTestId('candidate-count').textContent())
      .toContain(`入选 ${three.candidates} 个`);
    await settle(page);
    await shoot(page, 'results-page');
    await context.close();
  });
});
