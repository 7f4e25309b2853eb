import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '@wuxing/server/db/createDb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../server/test/harness';
import { main } from '../src/main';
import { type CliTarget, newTarget, pgQuery, withEnv } from './cliEnv';

/** Runs the CLI in this process against a target and returns its exit code and what it printed. */
async function wuxing(target: CliTarget, ...args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    const code = await withEnv(target.env, () => main(args));
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** Everything a restore must give back: the tree, the users and the audit chain. */
async function snapshot(target: CliTarget) {
  const database = createDb({
    databaseUrl: target.env.DATABASE_URL || null,
    dataDir: target.dataDir,
    pgSchema: target.schema ?? undefined,
  });
  try {
    const units = await database.db
      .selectFrom('units')
      .select(['code', 'name', 'parent_id', 'path', 'weight'])
      .orderBy('code')
      .execute();
    const users = await database.db
      .selectFrom('users')
      .select(['username', 'role', 'password_hash', 'scope_unit_id'])
      .orderBy('username')
      .execute();
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'hash', 'prev_hash'])
      .orderBy('seq')
      .execute();
    return { units, users, audit };
  } finally {
    await database.close();
  }
}

for (const dialect of DIALECTS) {
  describe(`wuxing backup, restore and audit verify [${dialect}]`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });

    it('restores a backup into an empty data directory with the same tree, users and audit chain', async () => {
      const source = await newTarget(dialect);
      if (source.schema) cleanups.push(() => pgQuery(`drop schema if exists ${source.schema} cascade`));
      expect((await wuxing(source, 'seed-demo')).out).toContain('已创建示例数据');
      const csv = join(source.dataDir, 'units.csv');
      writeFileSync(csv, '编码,名称,类型,上级编码\r\nBK-1,备份村,村,LX\r\n');
      expect((await wuxing(source, 'import', csv)).out).toContain('新增 1');
      // A photo as the app keeps it under DATA_DIR/photos/.
      mkdirSync(join(source.dataDir, 'photos', '2023', '12'), { recursive: true });
      writeFileSync(join(source.dataDir, 'photos', '2023', '12', 'p1.jpg'), 'jpeg-bytes');
      // A document as the app keeps it under DATA_DIR/documents/, and an upload in flight that stays behind.
      mkdirSync(join(source.dataDir, 'documents', '2023', '12'), { recursive: true });
      writeFileSync(join(source.dataDir, 'documents', '2023', '12', 'd1'), '%PDF-1.4 minutes');
      mkdirSync(join(source.dataDir, 'documents', 'tmp'), { recursive: true });
      writeFileSync(join(source.dataDir, 'documents', 'tmp', 'd2.part'), 'half');
      const file = join(source.dataDir, 'backup.bak');
      expect((await wuxing(source, 'backup', file)).code).toBe(0);
      const before = await snapshot(source);
      expect(before.units.find((u) => u.code === 'BK-1')).toBeDefined();

      // An empty place to restore into: a new data directory, or the same schema dropped.
      let target: CliTarget;
      if (dialect === 'sqlite') target = await newTarget('sqlite');
      else {
        await pgQuery(`drop schema ${source.schema} cascade`);
        target = await newTarget('postgres', source.schema ?? undefined);
      }
      const restored = await wuxing(target, 'restore', file);
      expect(restored.out).toContain('恢复完成');
      expect(await snapshot(target)).toEqual(before);
      expect(readFileSync(join(target.dataDir, 'photos', '2023', '12', 'p1.jpg'), 'utf8')).toBe('jpeg-bytes');
      expect(readFileSync(join(target.dataDir, 'documents', '2023', '12', 'd1'), 'utf8')).toBe(
        '%PDF-1.4 minutes',
      );
      expect(existsSync(join(target.dataDir, 'documents', 'tmp', 'd2.part'))).toBe(false);
      const verify = await wuxing(target, 'audit', 'verify');
      expect(verify.code).toBe(0);
      expect(verify.out).toContain(`审计链完整：共校验 ${before.audit.length} 条记录`);
    });

    it('names the first tampered audit record', async () => {
      const t = await newTarget(dialect);
      if (t.schema) cleanups.push(() => pgQuery(`drop schema if exists ${t.schema} cascade`));
      await wuxing(t, 'seed-demo');
      expect((await wuxing(t, 'audit', 'verify')).code).toBe(0);
      const database = createDb({
        databaseUrl: t.env.DATABASE_URL || null,
        dataDir: t.dataDir,
        pgSchema: t.schema ?? undefined,
      });
      await database.db
        .updateTable('audit_log')
        .set({ after_json: '{"name":"篡改"}' })
        .where('seq', '=', 7)
        .execute();
      await database.db.deleteFrom('audit_log').where('seq', '=', 12).execute();
      await database.close();
      const verify = await wuxing(t, 'audit', 'verify');
      expect(verify.code).toBe(1);
      expect(verify.out).toContain(
        '审计链被破坏：第 7 条记录 — 记录内容与哈希不符（记录被改动）（此前 6 条完好）',
      );
    });

    it('refuses to restore from a file that is not a backup', async () => {
      const t = await newTarget(dialect);
      if (t.schema) cleanups.push(() => pgQuery(`drop schema if exists ${t.schema} cascade`));
      const bogus = join(t.dataDir, 'bogus.bak');
      writeFileSync(bogus, 'definitely not a database');
      const r = await wuxing(t, 'restore', bogus);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/错误：/);
    });
  });
}
