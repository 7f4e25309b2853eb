import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/test/harness';
import { newTarget, pgQuery } from './cliEnv';
import { httpLogin, type ServerProcess, startServer } from './serverProcess';

for (const dialect of DIALECTS) {
  describe(`kill -9 after an acknowledged write [${dialect}]`, () => {
    const running: ServerProcess[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const s of running.splice(0)) await s.stop();
      for (const c of cleanups.splice(0)) await c();
    });

    it('loses nothing that was acknowledged, and leaves nothing half-written', async () => {
      const target = await newTarget(dialect);
      if (target.schema) cleanups.push(() => pgQuery(`drop schema if exists ${target.schema} cascade`));
      const port = 31000 + Math.floor(Math.random() * 2000) + (dialect === 'postgres' ? 2000 : 0);
      const acknowledged: string[] = [];
      for (let round = 0; round < 3; round++) {
        const server = await startServer(target, port);
        running.push(server);
        const admin = await httpLogin(server.url, 'admin', 'wuxing2023');
        // Fire writes without waiting for each other, kill the moment the first few are acknowledged.
        const inFlight = Array.from({ length: 12 }, (_, i) => {
          const code = `CR-${round}-${i}`;
          return admin
            .post('/api/units', { code, name: `崩溃测试村${round}-${i}`, type: 'village', parentCode: 'LX' })
            .then((r) => {
              if (r.status === 200) acknowledged.push(code);
            })
            .catch(() => undefined);
        });
        while (acknowledged.filter((c) => c.startsWith(`CR-${round}-`)).length < 4)
          await new Promise((r) => setTimeout(r, 2));
        await server.kill9();
        running.pop();
        await Promise.all(inFlight);
      }
      const server = await startServer(target, port);
      running.push(server);
      const admin = await httpLogin(server.url, 'admin', 'wuxing2023');
      const units = (
        (await (await admin.get('/api/units?q=CR-')).json()) as { units: { code: string; id: string }[] }
      ).units;
      const codes = new Set(units.map((u) => u.code));
      expect(acknowledged.length).toBeGreaterThanOrEqual(12);
      expect(acknowledged.filter((c) => !codes.has(c))).toEqual([]);
      // Every unit that exists is whole: it has its creation history and its audit record, and the chain holds.
      for (const u of units) {
        const detail = (await (await admin.get(`/api/units/${u.id}`)).json()) as {
          history: { change: string }[];
        };
        expect(detail.history.map((h) => h.change)).toContain('created');
      }
      const verify = (await (await admin.get('/api/audit/verify')).json()) as { ok: boolean };
      expect(verify.ok).toBe(true);
      const audited = (await (await admin.get('/api/audit?entity=unit&limit=500')).json()) as {
        entries: { action: string; after: { code?: string } | null }[];
      };
      const createdInAudit = new Set(
        audited.entries.filter((e) => e.action === 'unit.create').map((e) => e.after?.code),
      );
      for (const c of codes) expect(createdInAudit.has(c)).toBe(true);
    });
  });
}
