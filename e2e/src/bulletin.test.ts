import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  json,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  SCREENSHOTS,
  settle,
  shoot,
  startDemoServer,
  visible,
} from './support';

interface Summary {
  id: string;
  month: string;
  status: 'draft' | 'issued';
  version: number;
}
interface Bulletin extends Summary {
  title: string;
  docNumber: string;
  sections: { heading: string; text: string }[];
}

/** One file of a zip archive (stored or deflated), read through the central directory. */
function unzipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + nameLength + extra + comment;
  }
  throw new Error(`${name} is not in the archive`);
}

/** The text of a Word document's body: every w:t run joined (Word may split a sentence into runs). */
function docxText(docx: Buffer): string {
  const xml = unzipEntry(docx, 'word/document.xml').toString('utf8');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

const EDIT = '浏览器测试：请各街道对照问题清单逐条整改销号，月底前报区委组织部。';

describe('月度通报 in a real browser: generate, edit in place, save, download Word and PDF, issue, read on a phone', () => {
  let server: ServerProcess;
  let browser: Browser;
  let admin: Page;
  let csrf: string;
  let month: string;
  let id: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    admin = await (await newContext(browser, DESKTOP)).newPage();
    await loginAs(admin, server.url, 'admin');
    csrf = (await json<{ csrfToken: string }>(admin, `${server.url}/api/auth/me`)).csrfToken;
    // A month without a bulletin: the one before the demo's first (it issues one month and drafts the next).
    const list = await json<{ bulletins: Summary[] }>(admin, `${server.url}/api/bulletins?campaign=WX2023`);
    const taken = new Set(list.bulletins.map((b) => b.month));
    const first = [...taken].sort()[0] ?? '2023-07';
    const free = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`).filter(
      (m) => !taken.has(m),
    );
    month = free.filter((m) => m < first).at(-1) ?? free[0] ?? '2023-06';
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the district admin generates a month, edits a paragraph, saves it, downloads both files and issues it', async () => {
    const n = Number(month.slice(5));
    await admin.goto(`${server.url}/bulletins?campaign=WX2023`);
    await visible(admin.getByRole('button', { name: '生成通报' }));

    await admin.getByRole('button', { name: '生成通报' }).click();
    const dialog = admin.getByRole('dialog');
    await visible(dialog.getByText('生成月度通报'));
    await dialog.getByLabel('月份').click();
    const option = admin.locator('.ant-select-item-option', { hasText: `2023年${n}月` }).first();
    await option.click();
    // On a busy machine the click can land while the list is still opening: until the list has closed on the
    // choice, choose again (the open list would take the next click).
    const openList = admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    for (let i = 0; i < 5 && (await openList.count()) > 0; i++) {
      await openList
        .first()
        .waitFor({ state: 'hidden', timeout: 2_000 })
        .catch(async () => {
          if (await option.isVisible()) await option.click();
        });
    }
    await dialog.getByRole('button', { name: /生\s*成/ }).click();
    await admin.waitForURL(/\/bulletins\/[^/]+$/);
    id = admin.url().split('/').pop() ?? '';
    const doc = admin.getByTestId('bulletin-document');
    await visible(doc.getByText('中共石龙区委组织部').first());
    await expect(doc.getByLabel('标题', { exact: true }).inputValue()).resolves.toBe(
      `关于2023年${n}月份五星支部创建工作情况的通报`,
    );
    await visible(doc.locator('[data-table="top"]'));

    // Edit the first section's first paragraph in place.
    const text = doc.getByLabel('第1节正文');
    const original = await text.inputValue();
    const [, ...rest] = original.split('\n\n');
    await text.fill([EDIT, ...rest].join('\n\n'));
    await visible(admin.getByText('有未保存的修改'));
    // Leaving with unsaved edits asks first; staying keeps them.
    await admin.getByRole('link', { name: /返回通报列表/ }).click();
    await visible(admin.getByText('通报有未保存的修改，离开后将丢失。'));
    await admin.getByRole('button', { name: /留\s*下/ }).click();
    expect(admin.url()).toContain(`/bulletins/${id}`);
    await expect(text.inputValue()).resolves.toContain(EDIT);
    // The browser's Back button asks too; staying keeps the page and the edits.
    await admin.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await admin.goBack();
    await visible(admin.getByText('通报有未保存的修改，离开后将丢失。'));
    await admin.getByRole('button', { name: /留\s*下/ }).click();
    expect(admin.url()).toContain(`/bulletins/${id}`);
    await expect(text.inputValue()).resolves.toContain(EDIT);
    // The window as the admin sees it while editing: the paragraph and the save bar pinned to the bottom.
    await text.scrollIntoViewIfNeeded();
    await admin.evaluate(() => window.scrollBy(0, -240));
    await settle(admin);
    await admin.screenshot({ path: join(SCREENSHOTS, 'bulletin-edit.png') });

    await admin
      .getByRole('button', { name: /保\s*存/ })
      .first()
      .click();
    await visible(admin.getByText('已保存'));
    await admin.reload();
    await expect(
      admin.getByTestId('bulletin-document').getByLabel('第1节正文').inputValue(),
    ).resolves.toContain(EDIT);

    // Someone else saves in between: this page's save is refused with the version message.
    const current = await json<Bulletin>(admin, `${server.url}/api/bulletins/${id}`);
    const other = await admin.request.put(`${server.url}/api/bulletins/${id}`, {
      headers: { 'x-csrf-token': csrf },
      data: {
        title: current.title,
        docNumber: current.docNumber,
        sections: current.sections,
        version: current.version,
      },
    });
    expect(other.ok(), await other.text()).toBe(true);
    await admin
      .getByTestId('bulletin-document')
      .getByLabel('文号', { exact: true })
      .fill('石组通〔2023〕99号');
    await admin
      .getByRole('button', { name: /保\s*存/ })
      .first()
      .click();
    await visible(admin.getByRole('alert').filter({ hasText: '已被他人修改，请刷新后再改' }).first());
    await admin.getByRole('button', { name: /刷\s*新/ }).click();
    // Refreshing reads the other save and drops this page's edit.
    await expect
      .poll(() => admin.getByTestId('bulletin-document').getByLabel('文号', { exact: true }).inputValue())
      .toBe(current.docNumber);
    // An edit left with Back and 离开 is dropped, and the browser goes where Back was going.
    const here = admin.url();
    await admin
      .getByTestId('bulletin-document')
      .getByLabel('文号', { exact: true })
      .fill('石组通〔2023〕98号');
    await visible(admin.getByText('有未保存的修改'));
    await admin.goBack();
    await admin.getByRole('button', { name: /离\s*开/ }).click();
    await admin.waitForURL((url) => url.href !== here);
    await admin.goto(here);
    await expect
      .poll(() => admin.getByTestId('bulletin-document').getByLabel('文号', { exact: true }).inputValue())
      .toBe(current.docNumber);
    // Reloaded while an edit was unsaved (the browser's prompt answered 重新加载): the page comes back clean, and
    // the first Back leaves it — not onto the same page again through the guard's extra history entry.
    await admin
      .getByTestId('bulletin-document')
      .getByLabel('文号', { exact: true })
      .fill('石组通〔2023〕97号');
    await visible(admin.getByText('有未保存的修改'));
    const acceptPrompt = (d: Dialog) => void d.accept();
    admin.on('dialog', acceptPrompt);
    await admin.reload();
    admin.off('dialog', acceptPrompt);
    await expect
      .poll(() => admin.getByTestId('bulletin-document').getByLabel('文号', { exact: true }).inputValue())
      .toBe(current.docNumber);
    await expect
      .poll(() => admin.evaluate(() => JSON.stringify(window.history.state ?? {})))
      .not.toContain('wxLeaveGuard');
    await admin.goBack();
    await admin.waitForURL((url) => url.href !== here);
    await admin.goto(here);

    const dir = mkdtempSync(join(tmpdir(), 'wuxing-bulletin-'));
    try {
      const [word] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('link', { name: /下载 Word/ }).click(),
      ]);
      expect(word.suggestedFilename()).toBe(`2023年${n}月五星支部创建工作通报.docx`);
      const docxPath = join(dir, 'bulletin.docx');
      await word.saveAs(docxPath);
      const docx = readFileSync(docxPath);
      expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
      const body = docxText(docx);
      expect(body).toContain(EDIT);
      expect(body).toContain(`关于2023年${n}月份五星支部创建工作情况的通报`);

      const [pdf] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('link', { name: /下载 PDF/ }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`2023年${n}月五星支部创建工作通报.pdf`);
      const pdfPath = join(dir, 'bulletin.pdf');
      await pdf.saveAs(pdfPath);
      expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The pages to look at need poppler's pdftoppm (.ci/run installs poppler-utils); without it, no picture.
      if (!spawnSync('pdftoppm', ['-v']).error) {
        for (const old of readdirSync(SCREENSHOTS).filter((f) => f.startsWith('bulletin-pdf-')))
          unlinkSync(join(SCREENSHOTS, old));
        execFileSync('pdftoppm', ['-png', '-r', '80', pdfPath, join(SCREENSHOTS, 'bulletin-pdf')]);
        expect(readdirSync(SCREENSHOTS).some((f) => /^bulletin-pdf-\d+\.png$/.test(f))).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await admin.getByRole('button', { name: /印\s*发/ }).click();
    const confirm = admin.locator('.ant-modal-confirm');
    await visible(confirm.locator('.ant-modal-confirm-title', { hasText: '印发本通报？' }));
    await confirm.getByRole('button', { name: /印\s*发/ }).click();
    await visible(admin.getByText('通报已印发'));
    await visible(admin.getByTestId('issued-note'));
    expect(await admin.getByTestId('bulletin-document').locator('textarea').count()).toBe(0);
    const issued = await json<Bulletin>(admin, `${server.url}/api/bulletins/${id}`);
    expect(issued.status).toBe('issued');
    expect(issued.sections[0]?.text).toContain(EDIT);

    await admin.goto(`${server.url}/bulletins?campaign=WX2023`);
    await visible(admin.locator(`tr[data-bulletin="${month}"]`).getByText('已印发'));
    await settle(admin);
    await shoot(admin, 'bulletins-list');
  });

  it('the street admin reads the issued bulletin on a phone, without drafts or editing', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'street');
    await page.goto(`${server.url}/bulletins?campaign=WX2023`);
    const card = page.locator(`[data-bulletin="${month}"]`);
    await visible(card);
    // Readers see issued bulletins only: no draft anywhere in their list.
    expect(await page.getByText('草稿', { exact: true }).count()).toBe(0);
    await card.click();
    await page.waitForURL(`**/bulletins/${id}`);
    const doc = page.getByTestId('bulletin-document');
    await visible(doc.getByText(EDIT));
    await visible(doc.locator('[data-table="streets"]'));
    expect(await doc.locator('textarea, input').count()).toBe(0);
    expect(await page.getByRole('button', { name: /保\s*存|印\s*发|重新生成/ }).count()).toBe(0);
    await visible(page.getByRole('link', { name: /下载 Word/ }));
    await visible(page.getByRole('link', { name: /下载 PDF/ }));
    // The page does not scroll sideways; wide tables scroll inside their own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await settle(page);
    await shoot(page, 'bulletin-issued-phone');
    await context.close();
  });
});
