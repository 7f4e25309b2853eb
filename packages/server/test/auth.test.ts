import { expect, it } from 'vitest';
import { createUser } from '../src/services/user.service';
import { describeEachDialect } from './harness';

describeEachDialect('login, sessions and CSRF', (env) => {
  it('logs in with the demo admin and sets an HttpOnly SameSite session cookie', async () => {
    const res = await env().app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'wuxing2023' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^wx_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'admin', role: 'district_admin', scopeUnitName: '石龙区' });
    expect(body.user.password_hash).toBeUndefined();
    expect(body.csrfToken).toHaveLength(43);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await env()
      .anonymous()
      .post('/api/auth/login', { username: 'nobody-here', password: 'whatever1' });
    const b = await env()
      .anonymous()
      .post('/api/auth/login', { username: 'street', password: 'wrong-password' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.message).toBe('用户名或密码错误');
  });

  it('issues a new session token at every login and ends it on logout, on the server', async () => {
    const one = await env().login('street');
    const two = await env().login('street');
    expect(one.cookie).not.toBe(two.cookie);
    expect((await one.get('/api/auth/me')).statusCode).toBe(200);
    expect((await one.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await one.get('/api/auth/me')).statusCode).toBe(401);
    expect((await two.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses a state-changing request without the CSRF token and changes nothing', async () => {
    const admin = await env().login('admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/units',
      payload: { code: 'CSRF-1', name: '无令牌村', type: 'village', parentCode: 'LX' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('安全校验失败');
    expect(await env().system().repos.units.findByCode('CSRF-1')).toBeUndefined();
  });

  it('refuses a login posted from another origin', async () => {
    const res = await env()
      .anonymous()
      .request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'wuxing2023' },
        headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      });
    expect(res.statusCode).toBe(403);
  });

  it('throttles one username from one address after 5 failures, without locking out the real user elsewhere', async () => {
    const attacker = '10.9.9.9';
    for (let i = 0; i < 5; i++) {
      const res = await env()
        .anonymous()
        .request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'village', password: `guess-${i}-xx` },
          remoteAddress: attacker,
        });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await env()
      .anonymous()
      .request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'village', password: 'wuxing2023' },
        remoteAddress: attacker,
      });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain('登录失败次数过多');
    const victim = await env().login('village', 'wuxing2023', '10.1.1.1');
    expect((await victim.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('changes the password after checking the current one, and ends the other sessions', async () => {
    const ctx = env().system();
    await createUser(
      ctx,
      { username: 'pwuser', displayName: '改密用户', role: 'judge', password: 'first-password' },
      { mustChangePassword: true },
    );
    const a = await env().login('pwuser', 'first-password');
    const b = await env().login('pwuser', 'first-password');
    expect((await a.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const wrong = await a.post('/api/auth/password', {
      currentPassword: 'nope-nope',
      newPassword: 'second-password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ field: 'currentPassword', message: '当前密码不正确' });
    const short = await a.post('/api/auth/password', {
      currentPassword: 'first-password',
      newPassword: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('newPassword');
    expect(short.json().error.message).toContain('至少8个字符');
    const ok = await a.post('/api/auth/password', {
      currentPassword: 'first-password',
      newPassword: 'second-password',
    });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    await expect(env().login('pwuser', 'first-password')).rejects.toThrow(/401/);
    await env().login('pwuser', 'second-password');
  });

  it('ends every session of a user who is disabled', async () => {
    const admin = await env().login('admin');
    const judge = await env().login('judge');
    const users = (await admin.get('/api/users')).json().users as { id: string; username: string }[];
    const judgeId = users.find((u) => u.username === 'judge')?.id;
    expect((await admin.patch(`/api/users/${judgeId}`, { disabled: true })).statusCode).toBe(200);
    expect((await judge.get('/api/auth/me')).statusCode).toBe(401);
    await expect(env().login('judge')).rejects.toThrow(/401/);
    expect((await admin.patch(`/api/users/${judgeId}`, { disabled: false })).statusCode).toBe(200);
    await env().login('judge');
  });

  it('expires a session after its idle timeout and after its absolute lifetime', async () => {
    const client = await env().login('street');
    const sessions = env().database.db;
    const past = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
    await sessions.updateTable('sessions').set({ last_seen_at: past }).execute();
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    const again = await env().login('street');
    await sessions
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
  });
});
