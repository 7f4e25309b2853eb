import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type Database } from '@wuxing/server/db/createDb';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../server/test/harness';
import { main } from '../src/main';
import { type CliTarget, demoTarget, newTarget, pgQuery, withEnv } from './cliEnv';

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

/** The periods and levels whose rankings a restore must give back identically. */
const RANKINGS = ['2023-06', '2023-Q2', '2023'].flatMap((period) =>
  ['unit', 'street'].map((level) => ({ period, level })),
);

/** `wuxing ranking --format json --out …` for each period and level: the files' text, keyed by period/level. */
async function rankings(target: CliTarget): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { period, level } of RANKINGS) {
    const file = join(target.dataDir, `ranking-${period}-${level}.json`);
    const r = await wuxing(
      target,
      ...['ranking', '--campaign', 'WX2023', '--period', period, '--level', level],
      ...['--format', 'json', '--out', file],
    );
    expect(r.code, r.out).toBe(0);
    out[`${period} ${level}`] = readFileSync(file, 'utf8');
  }
  return out;
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
      const rankedBefore = await rankings(source);
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
      // The rankings of a month, a quarter and the year, per unit and per street, are identical to the byte.
      const rankedAfter = await rankings(target);
      expect(Object.keys(rankedAfter)).toHaveLength(6);
      for (const [key, text] of Object.entries(rankedBefore)) {
        expect(rankedAfter[key], key).toBe(text);
        const parsed = JSON.parse(text) as Record<string, unknown[]>;
        const rows = Object.values(parsed)[0] ?? [];
        expect(rows.length, `${key} has rows`).toBeGreaterThan(key.endsWith('street') ? 1 : 10);
      }
      expect(rankedBefore['2023-06 unit']).not.toBe(rankedBefore['2023 unit']);
      expect(readFileSync(join(target.dataDir, 'photos', '2023', '12', 'p1.jpg'), 'utf8')).toBe('jpeg-bytes');
      expect(readFileSync(join(target.dataDir, 'documents', '2023', '12', 'd1'), 'utf8')).toBe(
        '%PDF-1.4 minutes',
      );
      expect(existsSync(join(target.dataDir, 'documents', 'tmp', 'd2.part'))).toBe(false);
      const verify = await wuxing(target, 'audit', 'verify');
      expect(verify.code).toBe(0);
      expect(verify.out).toContain(`审计链完整：共校验 ${before.audit.length} 条记录`);
    });

    /** The demo's audit log tampered with by `tamper`, then `wuxing audit verify`: exit 1 and its message. */
    async function verifyAfter(tamper: (database: Database) => Promise<void>) {
      const t = await demoTarget(dialect);
      cleanups.push(t.drop);
      expect((await wuxing(t, 'audit', 'verify')).code).toBe(0);
      const database = createDb({ databaseUrl: t.env.DATABASE_URL || null, dataDir: t.dataDir });
      try {
        await tamper(database);
      } finally {
        await database.close();
      }
      return wuxing(t, 'audit', 'verify');
    }

    it('names an edited audit record', async () => {
      const verify = await verifyAfter(async ({ db }) => {
        await db
          .updateTable('audit_log')
          .set({ after_json: '{"name":"篡改"}' })
          .where('seq', '=', 7)
          .execute();
      });
      expect(verify.code).toBe(1);
      expect(verify.out).toBe(
        '审计链被破坏：第 7 条记录 — 记录内容与哈希不符（记录被改动）（此前 6 条完好）',
      );
    });

    it('names a deleted audit record', async () => {
      const verify = await verifyAfter(async ({ db }) => {
        await db.deleteFrom('audit_log').where('seq', '=', 12).execute();
      });
      expect(verify.code).toBe(1);
      expect(verify.out).toBe(
        '审计链被破坏：第 13 条记录 — 序号不连续：应为 12，实际为 13（此前 11 条完好）',
      );
    });

    it('names a deleted audit record even when the later ones are renumbered to close the gap', async () => {
      const verify = await verifyAfter(async ({ db }) => {
        await db.deleteFrom('audit_log').where('seq', '=', 12).execute();
        // seq - 1 for every later record, through negative numbers so no two rows ever share one.
        await db.updateTable('audit_log').set({ seq: sql<number>`-seq` }).where('seq', '>', 12).execute();
        await db.updateTable('audit_log').set({ seq: sql<number>`-seq - 1` }).where('seq', '<', 0).execute();
      });
      expect(verify.code).toBe(1);
      expect(verify.out).toBe(
        '审计链被破坏：第 12 条记录 — 前一条记录的哈希不匹配（记录被删除、改动或调换顺序）（此前 11 条完好）',
      );
    });

    it('names a reordered audit record (two records swapped)', async () => {
      const verify = await verifyAfter(async ({ db }) => {
        // Swap records 20 and 21 whole (content, hashes and all) by their sequence numbers.
        await db.updateTable('audit_log').set({ seq: -21 }).where('seq', '=', 21).execute();
        await db.updateTable('audit_log').set({ seq: 21 }).where('seq', '=', 20).execute();
        await db.updateTable('audit_log').set({ seq: 20 }).where('seq', '=', -21).execute();
      });
      expect(verify.code).toBe(1);
      expect(verify.out).toBe(
        '审计链被破坏：第 20 条记录 — 前一条记录的哈希不匹配（记录被删除、改动或调换顺序）（此前 19 条完好）',
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
