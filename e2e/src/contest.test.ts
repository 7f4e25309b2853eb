import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  startDemoServerPair,
  visible,
} from './support';

/** The hall's big screen. */
const SCREEN = { width: 1920, height: 1080 };
/** The narrowest phone a judge may bring. */
const SMALL_PHONE = { width: 375, height: 812 };
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

interface Participant {
  unitCode: string;
  unitName: string;
  groupCode: string;
  lotOrder: number | null;
}
interface Detail {
  contest: { code: string; status: string };
  participants: Participant[];
  jury: { userId: string; displayName: string }[];
  screenPath: string;
  lots: { seed: string | null };
}
interface JudgeAdded {
  judge: { userId: string; displayName: string };
  link: { path: string };
}
interface Results {
  groups: {
    groupCode: string;
    rows: { unitCode: string; rank: number; jury: number; honour: number; cadre: number; total: number }[];
  }[];
}

/** A 作风评价 survey workbook (单位编码, 单位名称, 好, 较好, 一般, 差) as the file input takes it. */
async function cadreWorkbook(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('作风评价');
  sheet.addRow(['单位编码', '单位名称', '好', '较好', '一般', '差']);
  for (const row of rows) sheet.addRow(row);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    name: '作风评价.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  };
}

/** One judge's phone: which instance it talks to, and its page. */
interface JudgePhone {
  name: string;
  score: number;
  page: Page;
}

describe('擂台赛 in real browsers: one group run end to end, five judges on phones, a host console and big screens on two app instances over Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;
  let csrf: string;
  let code: string;
  let detail: Detail;
  let first: Participant;
  const links = new Map<string, string>();
  const contexts: BrowserContext[] = [];

  /** POSTs as the admin (cookie and CSRF token of the admin's page), failing the test on a non-2xx answer. */
  async function post<T>(path: string, body: unknown): Promise<T> {
    const response = await admin.request.post(`${a.url}${path}`, {
      data: body,
      headers: { 'x-csrf-token': csrf },
    });
    expect(response.ok(), `${path} → ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }
  async function put<T>(path: string, body: unknown): Promise<T> {
    const response = await admin.request.put(`${a.url}${path}`, {
      data: body,
      headers: { 'x-csrf-token': csrf },
    });
    expect(response.ok(), `${path} → ${response.status()}`).toBe(true);
    return (await response.json()) as T;
  }
  async function page(viewport: { width: number; height: number }): Promise<Page> {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    [a, b] = await startDemoServerPair({ REDIS_URL });
    browser = await launchBrowser();
    adminContext = await newContext(browser, DESKTOP);
    admin = await adminContext.newPage();
    await loginAs(admin, a.url, 'admin');
    csrf = (await json<{ csrfToken: string }>(admin, `${a.url}/api/auth/me`)).csrfToken;
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('the admin creates the contest for the 街道 group, draws lots with a seed that 复核 confirms, and hands a judge a one-time link with its QR code', async () => {
    await admin.goto(`${a.url}/contests`);
    await admin.getByRole('button', { name: '新建擂台赛' }).click();
    const drawer = admin.getByRole('dialog');
    await drawer.getByLabel('名称').fill('2026年第四季度“比贡献、亮成绩”擂台赛（测试）');
    await drawer.getByLabel('期别').fill('2026Q4');
    await drawer.getByLabel('比赛日期').click();
    await drawer.getByLabel('比赛日期').fill('2026-12-18');
    await drawer.getByLabel('比赛日期').press('Enter');
    await drawer.getByLabel('参赛组别').click();
    await admin.locator('.ant-select-item-option').filter({ hasText: '街道（4 个单位）' }).click();
    await admin.keyboard.press('Escape');
    // A one-minute speech, so the countdown's last minute (red) shows at once.
    await drawer.getByLabel('每个单位汇报时长（分钟）').fill('1');
    await drawer.getByRole('button', { name: '创建' }).click();
    await admin.waitForURL(/\/contests\/LT-2026-Q4/);
    code = 'LT-2026-Q4';
    await visible(admin.getByText('人民路街道').first());

    await admin.getByLabel('随机种子').fill('e2e-2026-q4');
    await admin.getByRole('button', { name: '抽签', exact: true }).click();
    await visible(admin.getByTestId('lots-seed'));
    await admin.getByRole('button', { name: '复核' }).click();
    await visible(admin.getByText('复核一致：用种子 e2e-2026-q4 重新计算的出场顺序与公布的完全相同'));
    detail = await json<Detail>(admin, `${a.url}/api/contests/${code}`);
    expect(detail.participants.map((p) => p.groupCode)).toEqual(['JD', 'JD', 'JD', 'JD']);
    const lots = detail.participants.map((p) => p.lotOrder).sort();
    expect(lots).toEqual([1, 2, 3, 4]);
    first = detail.participants.find((p) => p.lotOrder === 1) as Participant;
    await settle(admin);
    await shoot(admin, 'contest-setup-units-desktop');

    // A new big-screen link, after a confirmation: the old one stops working.
    const oldScreen = detail.screenPath;
    await admin.getByRole('button', { name: '重新生成链接' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: '重新生成链接' }).click();
    await visible(admin.getByText('已生成新的大屏链接'));
    detail = await json<Detail>(admin, `${a.url}/api/contests/${code}`);
    expect(detail.screenPath).not.toBe(oldScreen);
    expect(await admin.getByLabel('大屏链接').inputValue()).toBe(`${a.url}${detail.screenPath}`);
    const gone = await admin.request.get(`${a.url}${oldScreen.replace('/screen/', '/api/screens/')}`);
    expect(gone.status()).toBe(404);

    // One judge through the page (link + QR), four more and a recused one (own unit = the first speaker) by API.
    await admin.getByRole('tab', { name: '评委', exact: true }).click();
    await admin.getByPlaceholder('评委姓名').fill('评委一');
    await admin.getByRole('button', { name: '添加评委' }).click();
    const handout = admin.getByTestId('judge-handout');
    await visible(handout);
    await visible(handout.getByRole('img', { name: '评委一 的登录二维码' }));
    const link = await admin.getByTestId('judge-link').inputValue();
    expect(link).toMatch(new RegExp(`^${a.url}/j/[A-Za-z0-9_-]{16,}$`));
    links.set('评委一', new URL(link).pathname);
    await settle(admin);
    await shoot(admin, 'contest-setup-judge-link-desktop');
    await admin.keyboard.press('Escape');
    for (const name of ['评委二', '评委三', '评委四', '评委五']) {
      const added = await post<JudgeAdded>(`/api/contests/${code}/judges`, { displayName: name });
      links.set(name, added.link.path);
    }
    const recused = await post<JudgeAdded>(`/api/contests/${code}/judges`, {
      displayName: '回避评委',
      ownUnitCode: first.unitCode,
    });
    links.set('回避评委', recused.link.path);

    // Goals for the jury to read, two honours (省级 3 + 市级 2 = 5 points) for the first speaker.
    await put(`/api/contests/${code}/units/${first.unitCode}/goals`, {
      goals: '1. 完成老旧小区改造3个\n2. 新增就业岗位200个\n3. 信访积案化解率达到90%',
    });
    for (const [title, level] of [
      ['省级文明街道', 'provincial'],
      ['市级平安建设先进单位', 'city'],
    ] as const) {
      await post(`/api/contests/${code}/honours`, {
        unitCode: first.unitCode,
        title,
        level,
        awardedOn: '2026-06-30',
        issuer: '测试授予单位',
      });
    }
    // Cadre-style votes from the survey workbook: a row with an unknown unit refuses the whole file, then the
    // right one. 龙河 etc.: first speaker 好40 较好10 → 15 × (40 + 8) / 50 = 14.40; the others
    // 好30 较好10 一般5 差5 → 15 × (30 + 8 + 3) / 50 = 12.30.
    await admin.getByRole('tab', { name: '作风评价' }).click();
    const others = detail.participants.filter((p) => p.unitCode !== first.unitCode);
    const upload = admin.locator('input[type="file"]');
    await upload.setInputFiles(
      await cadreWorkbook([
        [first.unitCode, first.unitName, 40, 10, 0, 0],
        ['NOPE', '不存在', 1, 0, 0, 0],
      ]),
    );
    await visible(admin.getByTestId('import-errors').getByText('单位编码 NOPE 不是本场比赛的参赛单位'));
    await upload.setInputFiles(
      await cadreWorkbook([
        [first.unitCode, first.unitName, 40, 10, 0, 0],
        ...others.map((p) => [p.unitCode, p.unitName, 30, 10, 5, 5]),
      ]),
    );
    await visible(admin.getByRole('cell', { name: '14.40' }));
    await visible(admin.getByRole('cell', { name: '12.30' }).first());
    await settle(admin);
    await shoot(admin, 'contest-setup-cadre-desktop');

    await admin.goto(`${a.url}/contests/${code}?tab=judges`);
    await visible(admin.getByText('回避评委').first());
    await shoot(admin, 'contest-setup-judges-desktop');
    await admin.getByRole('tab', { name: '赛前核对' }).click();
    await visible(admin.getByText(/4 个单位 · 6 位评委 · 缺目标 3 · 缺作风评价 0 · 无荣誉 3/));
    await settle(admin);
    await shoot(admin, 'contest-setup-check-desktop');
  });

  it('five judges on phones (on both instances) submit once each; a judge on instance A moves the big screen on instance B; the host unlocks one score, closes the unit and both screens rank it; a close with judges missing names them', async () => {
    // The host starts, calls the first speaker and starts the countdown from the console on instance A.
    await admin.goto(`${a.url}/contests/${code}/console`);
    await admin.getByRole('button', { name: '开始比赛' }).click();
    await admin.locator('.ant-modal-confirm').getByRole('button', { name: '确定' }).click();
    await admin.getByRole('button', { name: `叫下一位：${first.unitName}` }).click();
    await visible(admin.getByTestId('console-speaker').getByText(first.unitName));
    await admin.getByRole('button', { name: '开始计时' }).click();
    await visible(admin.getByRole('button', { name: '暂停' }));

    // Big screens on both instances.
    const screenA = await page(SCREEN);
    const screenB = await page(SCREEN);
    await screenA.goto(`${a.url}${detail.screenPath}`);
    await screenB.goto(`${b.url}${detail.screenPath}`);
    for (const screen of [screenA, screenB])
      await visible(screen.getByTestId('screen-speaker').getByText(first.unitName));
    // The countdown runs on the screens from the server's timer, red in its last minute.
    for (const screen of [screenA, screenB]) {
      const countdown = screen.getByTestId('screen-countdown');
      await screen.locator('[data-testid="screen-countdown"].wx-low').waitFor({ timeout: 5000 });
      expect(await countdown.textContent()).toMatch(/^0:[0-5]\d$/);
    }
    await shoot(screenA, 'contest-screen-countdown-1920');

    // Judges log in by their links: three on A, two and the recused one on B.
    const judges: JudgePhone[] = [];
    const scores: [string, number, ServerProcess][] = [
      ['评委一', 62.5, a],
      ['评委二', 60, a],
      ['评委三', 66, a],
      ['评委四', 64, b],
      ['评委五', 70, b],
    ];
    for (const [name, score, server] of scores) {
      const phone = await page(name === '评委一' ? SMALL_PHONE : PHONE);
      await phone.goto(`${server.url}${links.get(name)}`);
      await phone.waitForURL(/\/judge$/);
      await visible(phone.getByTestId('judge-speaker').getByText(first.unitName));
      judges.push({ name, score, page: phone });
    }
    const recusedPhone = await page(PHONE);
    await recusedPhone.goto(`${b.url}${links.get('回避评委')}`);
    await recusedPhone.waitForURL(/\/judge$/);

    // The used link does not work twice: the page says so.
    await recusedPhone.goto(`${a.url}${links.get('评委二')}`);
    await visible(recusedPhone.getByText(/链接已使用/));
    await recusedPhone.goto(`${b.url}/judge`);

    // Speaking: judges wait. The host ends the speech and opens scoring; the phones follow by SSE.
    const one = judges[0] as JudgePhone;
    await visible(one.page.getByText(`${first.unitName} 正在汇报，汇报结束后开始评分`));
    await admin.getByRole('button', { name: '结束计时' }).click();
    await admin.getByRole('button', { name: '开始评分' }).click();
    for (const judge of judges) await visible(judge.page.getByRole('button', { name: '提交评分' }));
    await visible(recusedPhone.getByText('本单位为您所在单位，您需回避，无需评分'));
    await one.page.getByText('季度重点工作目标').click();
    await visible(one.page.getByText(/完成老旧小区改造3个/));
    await settle(one.page);
    await shoot(one.page, 'contest-judge-phone-before');
    await shoot(recusedPhone, 'contest-judge-phone-recused');
    for (const screen of [screenA, screenB]) await visible(screen.getByText('已评 0/5'));

    // Out of bounds is refused on the page before anything is sent.
    await one.page.getByLabel('评分').fill('71');
    await one.page.getByRole('button', { name: '提交评分' }).click();
    await visible(one.page.getByText('分数须在 0 到 70 之间'));

    let submitted = 0;
    for (const judge of judges) {
      await judge.page.getByLabel('评分').fill(String(judge.score));
      await judge.page.getByRole('button', { name: '提交评分' }).click();
      await judge.page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
      await visible(judge.page.getByTestId('judge-locked').getByText('分数已锁定'));
      submitted += 1;
      // A judge on A moves the screen on B (and B's judges the screen on A): the Redis bus wakes the other feed.
      for (const screen of [screenA, screenB]) await visible(screen.getByText(`已评 ${submitted}/5`));
    }
    await visible(one.page.getByTestId('judge-count').getByText('已评 1 / 4'));
    await shoot(one.page, 'contest-judge-phone-after');

    // The console ticks every judge (names, never values) and closes the unit.
    await visible(admin.getByText('已评 5 / 5').first());
    for (const judge of judges)
      await visible(admin.getByTestId(`console-judge-${judge.name}`).getByText('已评'));
    expect(await admin.getByTestId('console-judges').textContent()).not.toMatch(/62\.5|66|70/);
    await shoot(admin, 'contest-console-desktop');

    // The host unlocks 评委五's score with a reason; the judge's phone opens again and the count drops.
    const five = judges[4] as JudgePhone;
    await admin.getByTestId('console-judge-评委五').getByRole('button', { name: /解锁/ }).click();
    const unlock = admin.getByRole('dialog');
    await unlock.getByLabel('解锁原因').fill('评委误触，当场申请更正');
    await unlock.getByRole('button', { name: /解锁/ }).click();
    for (const screen of [screenA, screenB]) await visible(screen.getByText('已评 4/5'));
    await visible(five.page.getByText('主持人已解锁您的评分，请重新提交'));
    await five.page.getByLabel('评分').fill('70');
    await five.page.getByRole('button', { name: '提交评分' }).click();
    await five.page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
    await visible(five.page.getByTestId('judge-locked').getByText('分数已锁定'));
    for (const screen of [screenA, screenB]) await visible(screen.getByText('已评 5/5'));
    // The host closes once the console, too, has the fifth score (else the close would name a judge missing).
    await visible(admin.getByTestId('console-judge-评委五').getByText('已评'));
    await admin.getByRole('button', { name: '结束本单位评分' }).click();

    // Trimmed mean of 60, 62.5, 64, 66, 70 without 60 and 70: 192.5 / 3 = 64.1666… → 64.17; + 5 honour points
    // + 14.40 cadre points = 83.57.
    for (const screen of [screenA, screenB]) {
      const board = screen.getByTestId('screen-group-JD');
      await visible(board.getByText(first.unitName));
      await visible(board.getByText('83.57'));
    }
    await shoot(screenB, 'contest-screen-1920');
    const figures = await json<Results>(admin, `${a.url}/api/contests/${code}/results`);
    const row = figures.groups.find((g) => g.groupCode === 'JD')?.rows[0];
    expect(row).toMatchObject({
      unitCode: first.unitCode,
      rank: 1,
      jury: 64.17,
      honour: 5,
      cadre: 14.4,
      total: 83.57,
    });

    // The next speaker is called; the screens and phones follow.
    const second = detail.participants.find((p) => p.lotOrder === 2) as Participant;
    await admin.getByRole('button', { name: `叫下一位：${second.unitName}` }).click();
    await visible(screenB.getByTestId('screen-speaker').getByText(second.unitName));
    await visible(one.page.getByTestId('judge-speaker').getByText(second.unitName));
    await settle(admin);
    await shoot(admin, 'contest-console-next-desktop');

    // Closing with judges missing needs a confirmation that names them; the jury score is then the plain mean
    // of the one score: 58 + 0 honours + 12.30 cadre = 70.30, second in the group.
    await admin.getByRole('button', { name: '开始评分' }).click();
    await one.page.getByLabel('评分').fill('58');
    await one.page.getByRole('button', { name: '提交评分' }).click();
    await one.page.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
    await visible(admin.getByText('已评 1 / 6').first());
    await admin.getByRole('button', { name: '结束本单位评分' }).click();
    await visible(
      admin.getByText(
        '还有 5 位评委未评分：评委二、评委三、评委四、评委五、回避评委。未评分的评委将不计入，确定结束？',
      ),
    );
    await admin.getByRole('button', { name: '仍然结束' }).click();
    await visible(screenA.getByTestId('screen-group-JD').getByText(second.unitName));
    await visible(screenA.getByTestId('screen-group-JD').getByText('70.30'));

    // Instance B goes down: its screen says it is reconnecting (the browser keeps trying by itself).
    await b.kill9();
    await visible(screenB.getByText('重新连接中…'));
    await shoot(screenB, 'contest-screen-reconnecting-1920');

    // The setup's results and consistency tabs show the closed unit (judges' scores, the dropped two struck).
    await admin.goto(`${a.url}/contests/${code}?tab=results`);
    const results = admin.getByTestId('results-JD');
    await visible(results.getByText(first.unitName));
    await results.getByRole('button', { name: /展开/ }).first().click();
    await visible(results.getByText('评委五 70.0'));
    await shoot(admin, 'contest-setup-results-desktop');
    await admin.getByRole('tab', { name: '评委一致性' }).click();
    await visible(admin.getByRole('img', { name: '各评委相对评委组平均分的偏差' }));
    await visible(admin.getByRole('cell', { name: '评委五' }));
    await settle(admin);
    await shoot(admin, 'contest-setup-consistency-desktop');
  });
});
