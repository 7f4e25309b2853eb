import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workedExample } from '@wuxing/core/fixtures/workedExample';
import { createDb } from '@wuxing/server/db/createDb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../server/test/harness';
import {
  sheetsToXlsx,
  sheetToCsv,
  WORKED_CODE,
  withSheet,
  workedExampleSheets,
} from '../../server/test/workedExampleWorkbook';
import { main } from '../src/main';
import { type CliTarget, newTarget, pgQuery, withEnv } from './cliEnv';

/** Runs the CLI in this process; returns its exit code, what it wrote to stdout, and what it logged. */
async function wuxing(target: CliTarget, ...args: string[]) {
  const stdout: Buffer[] = [];
  const logs: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(((
    chunk: string | Uint8Array,
    ...rest: unknown[]
  ) => {
    stdout.push(Buffer.from(chunk));
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write);
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void logs.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void logs.push(a.join(' ')));
  try {
    const code = await withEnv(target.env, () => main(args));
    return { code, stdout: Buffer.concat(stdout), out: logs.join('\n') };
  } finally {
    write.mockRestore();
    log.mockRestore();
    err.mockRestore();
  }
}

type Row = Record<string, string | number | null>;

function rankingRows(json: Buffer): Row[] {
  const doc = JSON.parse(json.toString('utf8')) as Record<string, Row[]>;
  return doc.排名 ?? [];
}

const { expected } = workedExample;

for (const dialect of DIALECTS) {
  describe(`the worked example of SCORING.md through wuxing import and wuxing ranking [${dialect}]`, () => {
    let target: CliTarget;
    beforeAll(async () => {
      target = await newTarget(dialect);
      const file = join(target.dataDir, '示例方案.xlsx');
      writeFileSync(file, await sheetsToXlsx(workedExampleSheets()));
      const imported = await wuxing(target, 'import', file);
      expect(imported.out).toContain('导入完成：方案 WE2023');
      expect(imported.code).toBe(0);
    });
    afterAll(async () => {
      if (target?.schema) await pgQuery(`drop schema if exists ${target.schema} cascade`);
    });

    for (const table of expected.rankings) {
      it(`ranks the villages of ${table.period} exactly as the table`, async () => {
        const r = await wuxing(
          target,
          'ranking',
          '--campaign',
          WORKED_CODE,
          '--period',
          table.period,
          '--format',
          'json',
        );
        expect(r.code).toBe(0);
        expect(rankingRows(r.stdout)).toEqual(
          table.units.map((u) => ({
            排名: u.rank,
            单位编码: u.code,
            单位名称: workedExample.units.find((x) => x.code === u.code)?.name,
            上级: '示例街道',
            得分: u.score,
            ZB: u.stars.ZB,
            CY: 'CY' in u.stars ? u.stars.CY : null,
            较上期: null,
          })),
        );
      });

      it(`gives street S1 ${table.street} for ${table.period}`, async () => {
        const r = await wuxing(
          target,
          'ranking',
          '--campaign',
          WORKED_CODE,
          '--period',
          table.period,
          '--level',
          'street',
          '--format',
          'json',
        );
        expect(r.code).toBe(0);
        const [s1, ...others] = rankingRows(r.stdout);
        expect(others).toEqual([]);
        expect(s1).toMatchObject({
          排名: 1,
          单位编码: 'S1',
          单位名称: '示例街道',
          上级: '示例区',
          得分: table.street,
        });
      });
    }

    it('prints CSV with 2 decimals by default and writes xlsx with --out', async () => {
      const csv = await wuxing(target, 'ranking', '--campaign', WORKED_CODE, '--period', '2023-Q1');
      expect(csv.code).toBe(0);
      expect(
        csv.stdout
          .toString('utf8')
          .replace(/^\ufeff/, '')
          .split('\r\n')
          .slice(0, 4),
      ).toEqual([
        '排名,单位编码,单位名称,上级,得分,ZB,CY,较上期',
        '1,C,丙社区,示例街道,17.32,14.93,19.70,',
        '2,B,乙村,示例街道,16.83,16.83,,',
        '3,A,甲村,示例街道,15.63,18.00,13.25,',
      ]);
      const out = join(target.dataDir, 'q1.xlsx');
      const xlsx = await wuxing(
        target,
        'ranking',
        '--campaign',
        WORKED_CODE,
        '--period',
        '2023-Q1',
        '--format',
        'xlsx',
        '--out',
        out,
      );
      expect(xlsx.code).toBe(0);
      expect(xlsx.stdout.length).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const ws = wb.getWorksheet('排名');
      expect(ws?.getRow(1).values).toEqual([
        undefined,
        '排名',
        '单位编码',
        '单位名称',
        '上级',
        '得分',
        'ZB',
        'CY',
        '较上期',
      ]);
      expect(ws?.getRow(4).values).toEqual([undefined, 3, 'A', '甲村', '示例街道', 15.63, 18, 13.25]);
    });

    it('shows the rank change month on month (February against January)', async () => {
      const jan = rankingRows(
        (
          await wuxing(
            target,
            'ranking',
            '--campaign',
            WORKED_CODE,
            '--period',
            '2023-01',
            '--format',
            'json',
          )
        ).stdout,
      );
      const feb = rankingRows(
        (
          await wuxing(
            target,
            'ranking',
            '--campaign',
            WORKED_CODE,
            '--period',
            '2023-02',
            '--format',
            'json',
          )
        ).stdout,
      );
      for (const row of feb) {
        const before = jan.find((r) => r.单位编码 === row.单位编码);
        expect(row.较上期).toBe(Number(before?.排名) - Number(row.排名));
      }
    });

    it('refuses a malformed workbook, naming sheet, row and column, and changes nothing', async () => {
      const counts = async () => {
        const database = createDb({
          databaseUrl: target.env.DATABASE_URL || null,
          dataDir: target.dataDir,
          pgSchema: target.schema ?? undefined,
        });
        try {
          const n = async (table: 'campaigns' | 'units' | 'score_entries' | 'audit_log') =>
            Number(
              (
                await database.db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            );
          return [await n('campaigns'), await n('units'), await n('score_entries'), await n('audit_log')];
        } finally {
          await database.close();
        }
      };
      const before = await counts();
      let sheets = workedExampleSheets('BAD2023');
      sheets = withSheet(sheets, '单位', (s) => ({ ...s, rows: [...s.rows, ['D', '丁村', '村', 'S1', '']] }));
      sheets = withSheet(sheets, '指标', (s) => {
        (s.rows[3] as (string | number)[])[4] = '2023-13';
        return s;
      });
      sheets = withSheet(sheets, '创建目标', (s) => ({ ...s, rows: [...s.rows, ['B', 'XX']] }));
      sheets = withSheet(sheets, '得分', (s) => {
        (s.rows[0] as (string | number)[])[2] = 11;
        return s;
      });
      sheets = withSheet(sheets, '板块', (s) => {
        (s.rows[0] as (string | number)[])[2] = 25;
        return s;
      });
      const file = join(target.dataDir, 'bad.xlsx');
      writeFileSync(file, await sheetsToXlsx(sheets));
      const r = await wuxing(target, 'import', file);
      expect(r.code).toBe(1);
      expect(r.out).toContain('导入失败');
      expect(r.out).toContain('指标 / 第5行 / 月份：月份“2023-13”无效，应为 YYYY-MM');
      expect(r.out).toContain('创建目标 / 第7行 / 星编码：星编码 XX 不存在（见“星”工作表）');
      expect(r.out).toContain('得分 / 第2行 / 得分：得分 11 超出范围，应在 0 到满分 10 之间');
      expect(r.out).toContain('板块 / 第5行 / 分值：各板块分值之和应为 100，当前为 95');
      expect(await counts()).toEqual(before);

      const csv = join(target.dataDir, '得分.csv');
      writeFileSync(csv, sheetToCsv(workedExampleSheets()[6] ?? { name: '', headers: [], rows: [] }));
      const notXlsx = join(target.dataDir, 'not-really.xlsx');
      writeFileSync(notXlsx, 'this is not a spreadsheet');
      const broken = await wuxing(target, 'import', notXlsx);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain('无法读取Excel文件');
      expect(await counts()).toEqual(before);
    });
  });
}
