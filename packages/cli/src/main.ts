import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig, openDatabase, seedDemoIfEmpty, settingsFrom, startServer } from '@wuxing/server';
import { createDb } from '@wuxing/server/db/createDb';
import { migrateToLatest } from '@wuxing/server/db/migrator';
import { SYSTEM_ACTOR } from '@wuxing/server/demo/seedDemo';
import { AppError } from '@wuxing/server/lib/errors';
import { createRepos } from '@wuxing/server/repositories/index';
import { verifyAuditChainWith } from '@wuxing/server/services/audit.service';
import { importUnits } from '@wuxing/server/services/unitImport.service';
import { readWorkbook } from '@wuxing/server/workbook/readWorkbook';
import { backup, restore } from './backup';

const HELP = `wuxing — 五星支部创建量化动态管理平台

用法 (usage):
  wuxing serve                 启动服务 (PORT, DATA_DIR, DATABASE_URL, REDIS_URL)
  wuxing migrate               执行数据库迁移
  wuxing seed-demo             数据库为空时创建示例数据（石龙区）
  wuxing import FILE           导入工作簿（.xlsx / .csv / .json）中的“单位”工作表
  wuxing backup FILE           备份数据库（SQLite 在线备份；PostgreSQL 用 pg_dump）
  wuxing restore FILE          从备份恢复（SQLite 需先停止服务；PostgreSQL 用 psql）
  wuxing audit verify          校验审计日志哈希链，指出第一条被破坏的记录
`;

function printIssues(err: AppError): void {
  console.error(`错误：${err.message}`);
  for (const d of err.details ?? [])
    console.error(
      `  ${[d.sheet, d.row !== undefined ? `第${d.row}行` : null, d.column].filter(Boolean).join(' / ')}：${d.message}`,
    );
}

/** Runs one `wuxing` command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        await startServer(loadConfig());
        return await new Promise<number>(() => {});
      }
      case 'migrate': {
        const config = loadConfig();
        const database = createDb({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          pgSchema: config.pgSchema ?? undefined,
        });
        const applied = await migrateToLatest(database.db as never, database.dialect);
        await database.close();
        console.log(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新');
        return 0;
      }
      case 'seed-demo': {
        const config = loadConfig();
        const database = await openDatabase(config);
        const seeded = await seedDemoIfEmpty(database, settingsFrom(config));
        await database.close();
        console.log(seeded ? '已创建示例数据（石龙区）' : '数据库不为空，未创建示例数据');
        return 0;
      }
      case 'import': {
        const file = rest[0];
        if (!file) throw new Error('请指定要导入的文件');
        const config = loadConfig();
        const database = await openDatabase(config);
        try {
          const workbook = await readWorkbook(readFileSync(file), basename(file), 'units');
          const result = await database.db.transaction().execute((trx) =>
            importUnits(
              {
                actor: SYSTEM_ACTOR,
                repos: createRepos(trx, database.dialect),
                now: new Date().toISOString(),
                settings: settingsFrom(config),
              },
              workbook.units,
            ),
          );
          console.log(`导入完成：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`);
        } finally {
          await database.close();
        }
        return 0;
      }
      case 'backup': {
        if (!rest[0]) throw new Error('请指定备份文件路径');
        console.log(`已备份到 ${await backup(loadConfig(), rest[0])}`);
        return 0;
      }
      case 'restore': {
        if (!rest[0]) throw new Error('请指定备份文件路径');
        await restore(loadConfig(), rest[0]);
        console.log('恢复完成');
        return 0;
      }
      case 'audit': {
        if (rest[0] !== 'verify') throw new Error('用法：wuxing audit verify');
        const config = loadConfig();
        const database = await openDatabase(config);
        const result = await verifyAuditChainWith(createRepos(database.db, database.dialect));
        await database.close();
        if (result.ok) {
          console.log(`审计链完整：共校验 ${result.checked} 条记录`);
          return 0;
        }
        console.error(
          `审计链被破坏：第 ${result.firstBrokenSeq} 条记录 — ${result.reason}（此前 ${result.checked} 条完好）`,
        );
        return 1;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command === undefined ? 1 : 0;
      default:
        console.error(`未知命令：${command}\n\n${HELP}`);
        return 1;
    }
  } catch (err) {
    if (err instanceof AppError) printIssues(err);
    else console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
