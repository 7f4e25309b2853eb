import { invalid } from '../lib/errors';
import { authorize } from '../policies/policy';
import type { UnitRow } from '../repositories/unit.repository';
import { SHEETS, type SheetKey, sheetTitle, UNIT_TYPE_LABELS } from '../workbook/sheets';
import type { ExportTable } from '../workbook/writeWorkbook';
import { assessedUnits, findCampaign, loadModel } from './campaignLoader';
import type { ServiceContext } from './context';

function headers(sheet: SheetKey): string[] {
  return Object.values(SHEETS[sheet].columns).map((aliases) => aliases[0]);
}

/** The order of the campaign workbook's sheets (SCORING.md). */
export const CAMPAIGN_SHEETS: SheetKey[] = [
  'campaign',
  'units',
  'stars',
  'modules',
  'targets',
  'items',
  'scores',
  'bonuses',
];

/**
 * A whole campaign as the workbook of SCORING.md — 方案 单位 星 板块 创建目标 指标 得分 加分 with Chinese
 * headers — so that importing the export into an empty installation gives the same rankings. The 单位 sheet
 * carries the assessed units' ancestors first; 得分 has the current entry of every (unit, item, scorer).
 */
export async function exportCampaignWorkbook(ctx: ServiceContext, code: string): Promise<ExportTable[]> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const loaded = await loadModel(ctx.repos, campaign);
  const unitRows = await ctx.repos.campaigns.units(campaign.id);
  const starOrder = loaded.stars.map((s) => s.code);
  const units = assessedUnits(
    unitRows,
    await ctx.repos.targets.list(campaign.id, ['approved']),
    loaded.requiredStar,
    starOrder,
  );
  const ancestorIds = new Set<string>();
  for (const u of units)
    for (const id of u.path.split('/').filter(Boolean)) if (id !== u.id) ancestorIds.add(id);
  const ancestors: UnitRow[] = (await ctx.repos.units.findByIds([...ancestorIds])).sort(
    (a, b) => a.depth - b.depth || a.sort - b.sort || (a.code < b.code ? -1 : 1),
  );
  const codeOfId = new Map<string, string>();
  for (const a of ancestors) codeOfId.set(a.id, a.code);
  for (const u of units) codeOfId.set(u.id, u.code);
  const usernames = new Map((await ctx.repos.users.list()).map((u) => [u.id, u.username]));
  const items = loaded.items;
  const itemCode = new Map(items.map((i) => [i.id, i.code]));
  const current = (await ctx.repos.scores.currentEntries(campaign.id)).sort(
    (a, b) =>
      (codeOfId.get(a.unit_id) ?? '').localeCompare(codeOfId.get(b.unit_id) ?? '') ||
      (itemCode.get(a.item_id) ?? '').localeCompare(itemCode.get(b.item_id) ?? '') ||
      a.scorer.localeCompare(b.scorer),
  );
  const bonuses = await ctx.repos.bonuses.list(campaign.id);
  const table = (sheet: SheetKey, rows: (string | number | null)[][]): ExportTable => ({
    sheet: sheetTitle(sheet),
    headers: headers(sheet),
    rows,
  });
  return [
    table('campaign', [
      [
        campaign.code,
        campaign.name,
        Number(campaign.year),
        Number(campaign.star_line),
        campaign.prerequisite ?? '无',
        campaign.trim ? '是' : '否',
      ],
    ]),
    table('units', [
      ...ancestors.map((a) => [
        a.code,
        a.name,
        UNIT_TYPE_LABELS[a.type] ?? a.type,
        a.parent_id ? (codeOfId.get(a.parent_id) ?? null) : null,
        Number(a.weight),
      ]),
      ...units.map((u) => [
        u.code,
        u.name,
        UNIT_TYPE_LABELS[u.type] ?? u.type,
        u.parentId ? (codeOfId.get(u.parentId) ?? null) : null,
        u.weight,
      ]),
    ]),
    table(
      'stars',
      loaded.stars.map((s) => [s.code, s.name]),
    ),
    table(
      'modules',
      loaded.modules.map((m) => [m.code, m.name, Number(m.budget), m.kind === 'bonus' ? '加分' : '计划']),
    ),
    table(
      'targets',
      units.flatMap((u) => u.targets.map((s) => [u.code, s])),
    ),
    table(
      'items',
      items.map((i) => [i.code, i.name, i.star, i.module, i.month, Number(i.max)]),
    ),
    table(
      'scores',
      current.map((e) => [
        codeOfId.get(e.unit_id) ?? e.unit_id,
        itemCode.get(e.item_id) ?? e.item_id,
        e.points === null ? null : Number(e.points),
        usernames.get(e.scorer) ?? e.scorer,
        e.na ? '是' : '否',
      ]),
    ),
    table(
      'bonuses',
      bonuses.map((b) => [
        codeOfId.get(b.unit_id) ?? b.unit_id,
        b.star,
        b.module,
        b.month,
        Number(b.points),
        b.reason,
      ]),
    ),
  ];
}

/** Picks one sheet of the export (a CSV file holds one sheet); the name may be Chinese or English. */
export function pickSheet(tables: ExportTable[], name: string | undefined): ExportTable {
  if (!name) throw invalid('CSV 格式一次导出一个工作表，请指定 sheet（如 得分）', 'sheet');
  const key = CAMPAIGN_SHEETS.find((k) =>
    SHEETS[k].names.some((n) => n.toLowerCase() === name.trim().toLowerCase()),
  );
  const table = key ? tables.find((t) => t.sheet === sheetTitle(key)) : undefined;
  if (!table) throw invalid(`没有名为“${name}”的工作表`, 'sheet');
  return table;
}
