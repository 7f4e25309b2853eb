import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { ServerProcess } from '../../packages/cli/test/serverProcess';
import {
  DESKTOP,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  shoot,
  startDemoServer,
  visible,
} from './support';

describe('password forms in a real browser', () => {
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

  it('the change-password page refuses a confirmation that does not match, on a phone', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await loginAs(page, server.url, 'village');
    await page.goto(`${server.url}/password`);
    const fields = page.locator('input[type=password]');
    await fields.nth(0).fill('wuxing2023');
    await fields.nth(1).fill('a-new-password');
    await fields.nth(2).fill('something-else');
    await page
      .getByRole('button', { name: /确认修改/ })
      .first()
      .click();
    await visible(page.getByText('两次输入的密码不一致').first());
    await shoot(page, 'password-mismatch-phone');
    await context.close();
  });

  it('the admin reset-password dialog checks the confirmation too', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await loginAs(page, server.url, 'admin');
    await page.goto(`${server.url}/users`);
    await page
      .getByRole('button', { name: /重置密码/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    const fields = dialog.locator('input[type=password]');
    await fields.nth(0).fill('reset-password-1');
    await fields.nth(1).fill('reset-password-2');
    await fields.nth(1).blur();
    await visible(dialog.getByText('两次输入的密码不一致'));
    await page.waitForTimeout(300);
    await shoot(page, 'reset-password-mismatch-desktop');
    await context.close();
  });
});
