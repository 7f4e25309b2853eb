import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { hashPassword, verifyPassword } from '../src/lib/password';
import { settingsFrom } from '../src/server';
import { describeEachDialect, TEST_SETTINGS } from './harness';

/**
 * ASVS gaps not covered by auth.test.ts and hardening.test.ts: password length on every path that sets one,
 * the production scrypt parameters, no enumeration through scrypt work, and the Secure cookie flag.
 */

// Counts scrypt runs (the real one still does the work) so an unknown username can be shown to cost the same.
const counted = vi.hoisted(() => ({ scrypt: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: Parameters<typeof real.scrypt>) => {
    counted.scrypt++;
    real.scrypt(...args);
  }) as typeof real.scrypt;
  return { ...real, scrypt, default: { ...real, scrypt } };
});

it('runs production with scrypt N = 2^17, r = 8, p = 1, and a stored hash carries those parameters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wuxing-asvs-'));
  try {
    const config = loadConfig({ DATA_DIR: dir, SESSION_SECRET: 's' });
    expect(config.scryptLogN).toBe(17);
    expect(settingsFrom(config).scryptLogN).toBe(17);
    expect(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 's', COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const stored = await hashPassword('一个足够长的口令', 17);
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  expect([scheme, logN, r, p]).toEqual(['scrypt', '17', '8', '1']);
  expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
  expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
  expect(await verifyPassword('一个足够长的口令', stored)).toBe(true);
  expect(await verifyPassword('一个足够长的口令x', stored)).toBe(false);
});

describeEachDialect('ASVS: passwords, enumeration, cookie flags', (env) => {
  const long = 'p'.repeat(128);
  const cjk = '五星支部创建口令'.repeat(8); // 64 characters

  it('refuses passwords shorter than 8 and accepts 64 to 128 characters (CJK too) on every path that sets one', async () => {
    const admin = await env().login('admin');
    const short = await admin.post('/api/users', {
      username: 'asvs-short',
      displayName: '短密码',
      role: 'judge',
      password: '1234567',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('password');
    const created = await admin.post('/api/users', {
      username: 'asvs-long',
      displayName: '长密码',
      role: 'judge',
      password: long,
    });
    expect(created.statusCode, created.body).toBe(200);
    const user = await env().login('asvs-long', long);
    // Change own password: too short refused, 64 CJK characters accepted and usable.
    const tooShort = await user.post('/api/auth/password', {
      currentPassword: long,
      newPassword: '七个字符密码',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.field).toBe('newPassword');
    expect(
      (await user.post('/api/auth/password', { currentPassword: long, newPassword: cjk })).statusCode,
    ).toBe(200);
    await env().login('asvs-long', cjk);
    // Administrator reset: too short refused, 128 characters accepted and usable.
    const id = created.json().id as string;
    const resetShort = await admin.post(`/api/users/${id}/reset-password`, { password: 'short' });
    expect(resetShort.statusCode).toBe(400);
    expect(resetShort.json().error.field).toBe('password');
    expect((await admin.post(`/api/users/${id}/reset-password`, { password: long })).statusCode).toBe(200);
    await env().login('asvs-long', long);
  });

  it('gives an unknown username the same scrypt work, status and message as a known one with a wrong password', async () => {
    const anon = env().anonymous();
    const attempt = (username: string) =>
      anon.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'not-the-password' },
        remoteAddress: `10.88.0.${Math.floor(Math.random() * 200) + 1}`,
      });
    await attempt('warm-up-nobody'); // the first unknown name makes the dummy hash once
    counted.scrypt = 0;
    const unknown = await attempt('no-such-user-here');
    const unknownRuns = counted.scrypt;
    counted.scrypt = 0;
    const known = await attempt('street');
    const knownRuns = counted.scrypt;
    expect(unknownRuns).toBe(1);
    expect(knownRuns).toBe(1);
    expect(unknown.statusCode).toBe(401);
    expect(known.statusCode).toBe(401);
    expect(unknown.json()).toEqual(known.json());
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, and Secure when COOKIE_SECURE is on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-asvs-data-'));
    const cookieOf = async (secure: boolean) => {
      const app = await buildApp({
        database: env().database,
        settings: TEST_SETTINGS,
        dataDir,
        logger: false,
        cookieSecure: secure,
      });
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'admin', password: 'wuxing2023' },
        });
        expect(res.statusCode).toBe(200);
        return String(res.headers['set-cookie']);
      } finally {
        await app.close();
      }
    };
    try {
      const secure = await cookieOf(true);
      expect(secure).toMatch(/HttpOnly/);
      expect(secure).toMatch(/SameSite=Lax/);
      expect(secure).toMatch(/Path=\//);
      expect(secure).toMatch(/; Secure/);
      expect(await cookieOf(false)).not.toMatch(/Secure/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
