import type { Browser } from 'playwright-core';
import sharp from 'sharp';
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

interface CreationFile {
  unit: { code: string };
  stars: {
    star: string;
    starName: string;
    progress: { text: string; percent: number; photos: unknown[] }[];
  }[];
}

describe('创建档案 in a real browser: the village keeps it on a phone, the inspector reads it from the sheet', () => {
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

  it('何庄村 adds a measure and a progress report with a photo; inspector-rml opens the file from the sheet', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'village');
    await page.goto(`${server.url}/creation-file`);
    const file = page.getByTestId('creation-file');
    await visible(file);
    const before = await json<CreationFile>(
      page,
      `${server.url}/api/campaigns/WX2023/units/RML-HZ/creation-file`,
    );
    const last = before.stars[before.stars.length - 1];
    if (!last) throw new Error('no target star');
    // The demo's file: every target star with its measures and progress.
    await visible(page.getByTestId(`creation-star-${last.star}`).getByText('创建措施'));

    const form = page.getByTestId('creation-form');
    await form.getByLabel('目标星').click();
    await page.locator('.ant-select-item-option', { hasText: last.starName }).click();
    await form.getByLabel('措施内容').fill('每周五开展一次人居环境集中整治');
    await form.getByRole('button', { name: '保存记录' }).click();
    await visible(page.getByText('已记入创建档案'));
    await visible(page.getByTestId(`creation-star-${last.star}`).getByText('每周五开展一次人居环境集中整治'));

    await form.getByText('进展情况', { exact: true }).click();
    await form.getByLabel('进展内容').fill('村道两侧绿化补植完成');
    await form.getByLabel('完成进度').fill('95');
    const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    await form
      .locator('input[type="file"]')
      .setInputFiles({ name: 'green.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await visible(form.locator('.ant-upload-list-item-done').first());
    await form.getByRole('button', { name: '保存记录' }).click();
    const star = page.getByTestId(`creation-star-${last.star}`);
    await visible(star.getByText('村道两侧绿化补植完成'));
    await visible(star.getByText('完成 95%'));
    await visible(star.getByAltText('佐证照片').first());
    const after = await json<CreationFile>(
      page,
      `${server.url}/api/campaigns/WX2023/units/RML-HZ/creation-file`,
    );
    const newest = after.stars.find((s) => s.star === last.star)?.progress[0];
    expect(newest).toMatchObject({ text: '村道两侧绿化补植完成', percent: 95 });
    expect(newest?.photos).toHaveLength(1);
    await settle(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'creation-file-phone');
    await context.close();

    // The inspector of 人民路街道 opens 何庄村's sheet in the open round and reads the file from there.
    const inspectorContext = await newContext(browser, PHONE);
    const inspector = await inspectorContext.newPage();
    await loginAs(inspector, server.url, 'inspector-rml');
    const { rounds } = await json<{ rounds: { id: string; number: string }[] }>(
      inspector,
      `${server.url}/api/rounds?campaign=WX2023`,
    );
    const gm = rounds.find((r) => r.number === 'GM-2023-12');
    if (!gm) throw new Error('no GM-2023-12');
    await inspector.goto(`${server.url}/inspections/${gm.id}/RML-HZ`);
    await inspector.getByRole('button', { name: /查阅创建档案/ }).click();
    await inspector.waitForURL('**/creation-file/RML-HZ**');
    await visible(inspector.getByText('村道两侧绿化补植完成'));
    expect(await inspector.getByTestId('creation-form').count()).toBe(0);
    await inspectorContext.close();

    // The district admin reads the same file at a desk (and, as for any unit, may add to it).
    const deskContext = await newContext(browser, DESKTOP);
    const desk = await deskContext.newPage();
    await loginAs(desk, server.url, 'admin');
    await desk.goto(`${server.url}/creation-file/RML-HZ?campaign=WX2023`);
    await visible(desk.getByText('村道两侧绿化补植完成'));
    await shoot(desk, 'creation-file-desktop');
    await deskContext.close();
  });
});
