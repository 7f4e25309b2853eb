import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig, openDatabase, seedDemoIfEmpty, settingsFrom, startServer } from '@wuxing/server';
import type { RankingQuery } from '@wuxing/server/contracts/campaigns';
import { createDb } from '@wuxing/server/db/createDb';
import { migrateToLatest } from '@wuxing/server/db/migrator';
import { SYSTEM_ACTOR } from '@wuxing/server/demo/seedDemo';
import { AppError } from '@wuxing/server/lib/errors';
import { createRepos } from '@wuxing/server/repositories/index';
import { verifyAuditChainWith } from '@wuxing/server/services/audit.service';
import { importCampaignWorkbook } from '@wuxing/server/services/campaignImport.service';
import type { ServiceContext } from '@wuxing/server/services/context';
import { getRanking, rankingTable } from '@wuxing/server/services/ranking.service';
import { importUnits } from '@wuxing/server/services/unitImport.service';
import { readCampaignFiles } from '@wuxing/server/workbook/readCampaignFiles';
import { type ParsedWorkbook, readWorkbook } from '@wuxing/server/workbook/readWorkbook';
import { type ExportFormat, renderTables } from '@wuxing/server/workbook/writeWorkbook';
import { backup, restore } from './backup';

const HELP = `wuxing — 五星支部创建量化动态管理平台

用法 (usage):
  wuxing serve                 启动服务 (PORT, DATA_DIR, DATABASE_URL, REDIS_URL)
  wuxing migrate               执行数据库迁移
  wuxing seed-demo             数据库为空时创建示例数据（石龙区）
  wuxing import FILE...        导入工作簿（.xlsx / .json，或按工作表命名的一组 .csv）：
                               有“方案”工作表时导入整个考评方案，否则导入“单位”工作表
  wuxing ranking --campaign CODE --period 2023-01|2023-Q1|2023 [--level unit|street]
                 [--street CODE] [--format csv|json|xlsx] [--out FILE]
                               输出排名（默认 CSV 到标准输出；--out 写入文件）
  wuxing backup FILE           备份数据库（SQLite 在线备份；PostgreSQL 用 pg_dump）、照片（FILE.photos/）
                               及证明材料文件（FILE.documents/）
  wuxing restore FILE          从备份恢复数据库、照片及文件（SQLite 需先停止服务；PostgreSQL 用 psql）
  wuxing audit verify          校验审计日志哈希链，指出第一条被破坏的记录
`;

function printIssues(err: AppError): void {
  console.error(`错误：${err.message}`);
  for (const d of err.details ?? [])
    console.error(
      `  ${[d.sheet, d.row !== undefined ? `第${d.row}行` : null, d.column].filter(Boolean).join(' / ')}：${d.message}`,
    );
}

/** Reads `--name value` (or `--name=value`) options; anything else is an error naming it. */
function parseFlags(args: string[], known: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m?.[1] || !known.includes(m[1])) throw new Error(`未知参数：${arg}`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`参数 --${m[1]} 需要一个值`);
    out[m[1]] = value;
  }
  return out;
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
        if (rest.length === 0) throw new Error('请指定要导入的文件');
        const config = loadConfig();
        const database = await openDatabase(config);
        try {
          const files = rest.map((f) => ({ name: basename(f), content: readFileSync(f) }));
          const bytes = files.reduce((n, f) => n + f.content.length, 0);
          if (bytes > 1024 * 1024)
            console.error(`  读取 ${files.length} 个文件（${(bytes / 1024 / 1024).toFixed(1)} MB）…`);
          const first = files[0];
          // One file keeps the old meaning (a 单位 sheet, CSV named anything); several are a CSV set.
          const workbook: ParsedWorkbook =
            files.length === 1 && first
              ? await readWorkbook(first.content, first.name, 'units')
              : await readCampaignFiles(files);
          const large = (workbook.scores?.rows.length ?? 0) >= 2000;
          await database.db.transaction().execute(async (trx) => {
            const ctx: ServiceContext = {
              actor: SYSTEM_ACTOR,
              repos: createRepos(trx, database.dialect),
              now: new Date().toISOString(),
              settings: settingsFrom(config),
            };
            if (workbook.campaign) {
              const r = await importCampaignWorkbook(ctx, workbook, {
                onProgress: large ? (p) => console.error(`  ${p.phase} ${p.done}/${p.total}`) : undefined,
              });
              console.log(
                `导入完成：方案 ${r.campaign.code}（${r.campaign.name}），单位新增 ${r.units.created}、更新 ${r.units.updated}，` +
                  `考评单位 ${r.assessed}，指标 ${r.items}，创建目标 ${r.targets}，得分 ${r.scores}，加分 ${r.bonuses}`,
              );
            } else {
              const result = await importUnits(ctx, workbook.units);
              console.log(
                `导入完成：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`,
              );
            }
          });
        } finally {
          await database.close();
        }
        return 0;
      }
      case 'ranking': {
        const flags = parseFlags(rest, ['campaign', 'period', 'level', 'street', 'format', 'out']);
        if (!flags.campaign) throw new Error('请用 --campaign 指定考评方案编码');
        if (!flags.period) throw new Error('请用 --period 指定期间（如 2023-01、2023-Q1 或 2023）');
        const level = flags.level ?? 'unit';
        if (level !== 'unit' && level !== 'street') throw new Error('--level 只能是 unit 或 street');
        const format = (flags.format ?? 'csv') as ExportFormat;
        if (!['csv', 'json', 'xlsx'].includes(format)) throw new Error('--format 只能是 csv、json 或 xlsx');
        const query: RankingQuery = {
          period: flags.period,
          level,
          ...(flags.street ? { street: flags.street } : {}),
        };
        const config = loadConfig();
        const database = await openDatabase(config);
        try {
          const ranking = await getRanking(
            {
              actor: SYSTEM_ACTOR,
              repos: createRepos(database.db, database.dialect),
              now: new Date().toISOString(),
              settings: settingsFrom(config),
            },
            flags.campaign,
            query,
          );
          const rendered = await renderTables([rankingTable(ranking)], format);
          const body = format === 'json' ? Buffer.concat([rendered, Buffer.from('\n')]) : rendered;
          if (flags.out) {
            writeFileSync(flags.out, body);
            console.error(`已导出 ${ranking.rows.length} 行到 ${flags.out}`);
          } else {
            await new Promise<void>((resolve, reject) =>
              process.stdout.write(body, (err) => (err ? reject(err) : resolve())),
            );
          }
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
