import type {
  CreateHouseholdBody,
  HouseholdListQuery,
  HouseholdMember,
  UpdateHouseholdBody,
} from '../contracts/courtyard';
import type { ImportIssue } from '../lib/errors';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type { CourtyardApplicationRow, HouseholdRow } from '../repositories/courtyard.repository';
import type { UnitRow } from '../repositories/unit.repository';
import type { ParsedSheet } from '../workbook/readWorkbook';
import { columnTitle, sheetTitle } from '../workbook/sheets';
import type { ExportTable } from '../workbook/writeWorkbook';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { insertUnit } from './unit.service';

const VILLAGE_TYPES = new Set(['village', 'community']);

/** Rows one household import may carry (a large village has ~1,000 households; a street a few thousand). */
export const HOUSEHOLD_IMPORT_LIMIT = 5000;

/** The unit name of a household in the tree: 户主 + 户. */
export function householdUnitName(headName: string): string {
  return `${headName}户`;
}

/** `LX-SZ` + 12 → `LX-SZ-H0012`. */
export function householdCode(villageCode: string, n: number): string {
  return `${villageCode}-H${String(n).padStart(4, '0')}`;
}

/** Whether `code` is a household code of the village: `LX-SZ-H0012` for `LX-SZ`. */
export function isHouseholdCodeOf(villageCode: string, code: string): boolean {
  const prefix = `${villageCode}-H`;
  return code.startsWith(prefix) && /^\d{1,8}$/.test(code.slice(prefix.length));
}

/** The next free household number of a village, given the codes in use. */
export function nextHouseholdNumber(villageCode: string, codes: string[]): number {
  const prefix = `${villageCode}-H`;
  let max = 0;
  for (const c of codes) {
    if (!c.startsWith(prefix)) continue;
    const n = Number(c.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

/** Members as the workbook writes them: `张三(配偶)、李四(子女)`. */
export function membersText(members: HouseholdMember[]): string {
  return members.map((m) => (m.relation ? `${m.name}(${m.relation})` : m.name)).join('、');
}

/** Parses `张三(配偶)、李四（子女）, 王五` into members. */
export function parseMembers(text: string): HouseholdMember[] {
  return text
    .split(/[、,，;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.+?)\s*[(（]\s*(.*?)\s*[)）]$/.exec(s);
      return m ? { name: (m[1] ?? '').trim(), relation: (m[2] ?? '').trim() } : { name: s, relation: '' };
    });
}

/** The members stored on a profile. */
export function membersOf(json: string): HouseholdMember[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v
      .filter(
        (m): m is { name: string; relation?: string } => typeof m === 'object' && m !== null && 'name' in m,
      )
      .map((m) => ({ name: String(m.name), relation: String(m.relation ?? '') }));
  } catch {
    return [];
  }
}

function profileSnapshot(h: {
  head_name: string;
  address: string;
  member_count: number;
  members: string;
  phone: string | null;
}) {
  return {
    headName: h.head_name,
    address: h.address,
    memberCount: h.member_count,
    members: membersOf(h.members),
    phone: h.phone,
  };
}

/** Households the actor may see, one page. */
export async function listHouseholds(
  ctx: ServiceContext,
  query: HouseholdListQuery,
): Promise<{ rows: HouseholdRow[]; total: number; page: number; pageSize: number }> {
  const actor = readerOf(ctx);
  let notAppliedIn: string | undefined;
  if (query.notAppliedIn) {
    const campaign = await ctx.repos.courtyards.findCampaignByCode(query.notAppliedIn);
    if (!campaign) throw invalid(`五美庭院创建活动 ${query.notAppliedIn} 不存在`, 'notAppliedIn');
    notAppliedIn = campaign.id;
  }
  const { rows, total } = await ctx.repos.courtyards.listHouseholds(
    unitScopeOf(actor),
    { villageCode: query.villageCode, streetCode: query.streetCode, q: query.q, notAppliedIn },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Checks the actor may read courtyard data at all (somewhere in the tree) and returns them. Lists are then cut
 * to the actor's part of the tree.
 */
export function readerOf(ctx: ServiceContext): Actor {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const scope = unitScopeOf(actor);
  const path = scope.kind === 'all' ? '/' : scope.kind === 'paths' ? (scope.paths[0] ?? null) : null;
  if (path === null) throw forbidden();
  authorize(actor, { do: 'courtyard.read', unit: { path, type: 'street' } });
  return actor;
}

/** A household the actor may read (404 when unknown, 403 outside the actor's part). */
export async function readableHousehold(ctx: ServiceContext, code: string): Promise<HouseholdRow> {
  if (!ctx.actor) throw unauthenticated();
  const h = await ctx.repos.courtyards.findHouseholdByCode(code);
  if (!h) {
    readerOf(ctx);
    throw notFound(`住户 ${code} 不存在`);
  }
  authorize(ctx.actor, { do: 'courtyard.read', unit: h });
  return h;
}

/** One household with its part in every campaign. */
export async function getHousehold(
  ctx: ServiceContext,
  code: string,
): Promise<{
  household: HouseholdRow;
  campaigns: (CourtyardApplicationRow & { campaign_code: string; campaign_name: string; year: number })[];
}> {
  const household = await readableHousehold(ctx, code);
  return { household, campaigns: await ctx.repos.courtyards.applicationsOfHousehold(household.id) };
}

async function villageFor(ctx: ServiceContext, code: string, field: string): Promise<UnitRow> {
  const village = await ctx.repos.units.findByCode(code);
  if (!village || !VILLAGE_TYPES.has(village.type)) {
    readerOf(ctx);
    throw invalid(`村(社区)编码 ${code} 不存在`, field);
  }
  return village;
}

/** Creates a household: the unit under its village and the profile, in one transaction, audited. */
export async function createHousehold(ctx: ServiceContext, body: CreateHouseholdBody): Promise<HouseholdRow> {
  const village = await villageFor(ctx, body.villageCode, 'villageCode');
  authorize(ctx.actor, { do: 'household.manage', unit: village });
  if (body.code !== undefined && !isHouseholdCodeOf(village.code, body.code))
    throw invalid(`住户编码应为 ${village.code}-H 加数字（如 ${householdCode(village.code, 1)}）`, 'code');
  await ctx.repos.audit.lock();
  const code =
    body.code ??
    householdCode(
      village.code,
      nextHouseholdNumber(village.code, await ctx.repos.courtyards.householdCodesLike(`${village.code}-H`)),
    );
  if (await ctx.repos.units.findByCode(code)) throw conflict(`编码 ${code} 已存在`, 'code');
  const unit = await insertUnit(ctx, {
    code,
    name: householdUnitName(body.headName),
    type: 'household',
    parent: village,
    weight: 1,
    contestGroupId: null,
    sort: 0,
    how: 'created',
  });
  const profile = {
    unit_id: unit.id,
    head_name: body.headName,
    address: body.address,
    member_count: body.memberCount ?? Math.max(1, body.members.length),
    members: JSON.stringify(body.members),
    phone: body.phone?.trim() ? body.phone.trim() : null,
    updated_at: ctx.now,
  };
  await ctx.repos.courtyards.insertProfiles([profile]);
  await recordAudit(ctx, {
    action: 'household.create',
    entity: 'household',
    entityId: unit.id,
    before: null,
    after: { code, village: village.code, ...profileSnapshot(profile) },
  });
  const row = await ctx.repos.courtyards.findHouseholdByCode(code);
  if (!row) throw notFound();
  return row;
}

/** Edits a household's profile (户主 renames its unit), audited. */
export async function updateHousehold(
  ctx: ServiceContext,
  code: string,
  body: UpdateHouseholdBody,
): Promise<HouseholdRow> {
  const seen = await readableHousehold(ctx, code);
  authorize(ctx.actor, { do: 'household.manage', unit: seen });
  await ctx.repos.audit.lock();
  const h = (await ctx.repos.courtyards.findHouseholdByCode(code)) ?? seen;
  const members = body.members ?? membersOf(h.members);
  const patch = {
    head_name: body.headName ?? h.head_name,
    address: body.address ?? h.address,
    member_count:
      body.memberCount ?? (body.members ? Math.max(1, members.length, h.member_count) : h.member_count),
    members: JSON.stringify(members),
    phone: body.phone === undefined ? h.phone : body.phone?.trim() ? body.phone.trim() : null,
    updated_at: ctx.now,
  };
  if (Number(h.has_profile) === 1) await ctx.repos.courtyards.updateProfile(h.id, patch);
  else await ctx.repos.courtyards.insertProfiles([{ unit_id: h.id, ...patch }]);
  if (patch.head_name !== h.head_name) {
    const name = householdUnitName(patch.head_name);
    await ctx.repos.units.update(h.id, { name, updated_at: ctx.now });
    await ctx.repos.units.addHistory({
      id: newId(),
      unit_id: h.id,
      at: ctx.now,
      actor_id: ctx.actor?.userId ?? null,
      actor_name: ctx.actor?.displayName ?? null,
      change: 'renamed',
      from_value: h.name,
      to_value: name,
      from_parent_id: null,
      to_parent_id: null,
    });
  }
  await recordAudit(ctx, {
    action: 'household.update',
    entity: 'household',
    entityId: h.id,
    before: profileSnapshot(h),
    after: profileSnapshot(patch),
  });
  const row = await ctx.repos.courtyards.findHouseholdByCode(code);
  if (!row) throw notFound();
  return row;
}

/**
 * Checks, before the upload is read, that the actor manages households somewhere (a village user their village,
 * a street admin the villages of their street, district admins everywhere).
 */
export async function checkHouseholdImport(ctx: ServiceContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  authorize(actor, { do: 'household.manage', unit: insideScopeOf(actor) });
}

/**
 * A unit just inside the actor's own scope: it stands for "any village the actor has" in the checks made before
 * the units a request names are read.
 */
export function insideScopeOf(actor: Actor): { path: string; type: 'village' } {
  return { path: `${actor.scopePath ?? '/none/'}*/`, type: 'village' };
}

/**
 * Imports the 住户 sheet: all or nothing, every error naming row and column. A row matching a household of the
 * same village by (户主, 地址) updates it; others create households with the village's next codes. Village users
 * import for their own village, street admins for their villages (403 naming the first row outside).
 */
export async function importHouseholds(
  ctx: ServiceContext,
  sheet: ParsedSheet<'households'> | undefined,
): Promise<{ created: number; updated: number; unchanged: number }> {
  await checkHouseholdImport(ctx);
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if (!sheet) throw invalid('文件中没有「住户」工作表', 'file');
  const issues: ImportIssue[] = [];
  const title = sheet.title || sheetTitle('households');
  if (sheet.rows.length > HOUSEHOLD_IMPORT_LIMIT)
    throw invalid(
      `「${title}」表有 ${sheet.rows.length} 行，一次最多导入 ${HOUSEHOLD_IMPORT_LIMIT} 行，请分成几个文件`,
      'file',
      [{ sheet: title, message: `最多 ${HOUSEHOLD_IMPORT_LIMIT} 行` }],
    );
  const at = (row: number, column: Parameters<typeof columnTitle<'households'>>[1], message: string) =>
    issues.push({ sheet: title, row, column: columnTitle('households', column), message });
  for (const c of ['village', 'headName', 'address'] as const)
    if (!sheet.headers[c])
      issues.push({ sheet: title, column: columnTitle('households', c), message: '缺少此列' });
  if (issues.length > 0) throw invalid('导入失败：住户表缺少必需的列', 'file', issues);
  const villageCodes = [...new Set(sheet.rows.map((r) => r.cells.village ?? '').filter(Boolean))];
  const villages = new Map((await ctx.repos.units.findByCodes(villageCodes)).map((u) => [u.code, u]));
  type Planned = {
    row: number;
    village: UnitRow;
    headName: string;
    address: string;
    count: number;
    members: HouseholdMember[];
    phone: string | null;
  };
  // Every row is checked before the lock is taken: a bad workbook never holds up other writes.
  const planned: Planned[] = [];
  const seen = new Set<string>();
  for (const r of sheet.rows) {
    const c = r.cells;
    const village = villages.get(c.village ?? '');
    if (!c.village) at(r.row, 'village', '请填写村(社区)编码');
    else if (!village || !VILLAGE_TYPES.has(village.type))
      at(r.row, 'village', `村(社区)编码 ${c.village} 不存在`);
    else if (!can(actor, { do: 'household.manage', unit: village }))
      at(r.row, 'village', `无权导入 ${village.name} 的住户`);
    const headName = (c.headName ?? '').trim();
    const address = (c.address ?? '').trim();
    if (!headName) at(r.row, 'headName', '请填写户主');
    else if (headName.length > 50) at(r.row, 'headName', '户主姓名不能超过50个字符');
    if (!address) at(r.row, 'address', '请填写地址');
    else if (address.length > 200) at(r.row, 'address', '地址不能超过200个字符');
    const members = parseMembers(c.members ?? '');
    let count = Math.max(1, members.length);
    if (c.memberCount) {
      const n = Number(c.memberCount);
      if (!Number.isInteger(n) || n < 1 || n > 50) at(r.row, 'memberCount', '家庭人口应为1到50的整数');
      else count = n;
    }
    const phone = (c.phone ?? '').trim() || null;
    if (phone && phone.length > 30) at(r.row, 'phone', '联系电话不能超过30个字符');
    if (village && headName && address) {
      const key = `${village.id}|${headName}|${address}`;
      if (seen.has(key)) at(r.row, 'headName', `与前面的行重复：${headName}（${address}）`);
      seen.add(key);
      planned.push({ row: r.row, village, headName, address, count, members, phone });
    }
  }
  if (issues.length > 0)
    throw invalid(`导入失败：共 ${issues.length} 处错误，未导入任何住户`, 'file', issues);
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.courtyards.householdsOfVillages([...villages.values()].map((v) => v.id));
  const byKey = new Map(existing.map((h) => [`${h.village_id}|${h.head_name}|${h.address}`, h]));
  const codes = new Map<string, string[]>();
  for (const h of existing) codes.set(h.village_code, [...(codes.get(h.village_code) ?? []), h.code]);
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const newUnits: Parameters<typeof ctx.repos.courtyards.insertHouseholdUnits>[0] = [];
  const newHistory: Parameters<typeof ctx.repos.courtyards.insertHouseholdUnits>[1] = [];
  const newProfiles: Parameters<typeof ctx.repos.courtyards.insertProfiles>[0] = [];
  const changedProfiles: Parameters<typeof ctx.repos.courtyards.upsertProfiles>[0] = [];
  for (const p of planned) {
    const found = byKey.get(`${p.village.id}|${p.headName}|${p.address}`);
    const profile = {
      head_name: p.headName,
      address: p.address,
      member_count: p.count,
      members: JSON.stringify(p.members),
      phone: p.phone,
    };
    if (found) {
      const same =
        found.member_count === profile.member_count &&
        found.members === profile.members &&
        found.phone === p.phone;
      if (same) {
        unchanged++;
        continue;
      }
      changedProfiles.push({ unit_id: found.id, ...profile, updated_at: ctx.now });
      updated++;
      continue;
    }
    const inUse = codes.get(p.village.code) ?? [];
    const code = householdCode(p.village.code, nextHouseholdNumber(p.village.code, inUse));
    codes.set(p.village.code, [...inUse, code]);
    const id = newId();
    newUnits.push({
      id,
      code,
      name: householdUnitName(p.headName),
      type: 'household',
      parent_id: p.village.id,
      path: `${p.village.path}${id}/`,
      depth: p.village.depth + 1,
      weight: 1,
      contest_group_id: null,
      sort: 0,
      demo: 0,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    newHistory.push({
      id: newId(),
      unit_id: id,
      at: ctx.now,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      change: 'imported',
      from_value: null,
      to_value: householdUnitName(p.headName),
      from_parent_id: null,
      to_parent_id: p.village.id,
    });
    newProfiles.push({ unit_id: id, ...profile, updated_at: ctx.now });
    created++;
  }
  // Codes already taken by other units (not households of these villages) must not be reused.
  const clash = newUnits.length > 0 ? await ctx.repos.units.findByCodes(newUnits.map((u) => u.code)) : [];
  if (clash.length > 0) throw conflict(`编码 ${clash[0]?.code} 已被其他单位使用`, 'file');
  await ctx.repos.courtyards.upsertProfiles(changedProfiles);
  await ctx.repos.courtyards.insertHouseholdUnits(newUnits, newHistory);
  await ctx.repos.courtyards.insertProfiles(newProfiles);
  await recordAudit(ctx, {
    action: 'household.import',
    entity: 'household',
    entityId: null,
    before: null,
    after: { created, updated, unchanged, codes: newUnits.map((u) => u.code) },
  });
  return { created, updated, unchanged };
}

/** The import template: the 住户 sheet's headers and two example rows of the actor's first village. */
export async function householdTemplate(ctx: ServiceContext): Promise<ExportTable> {
  const actor = readerOf(ctx);
  const { rows } = await ctx.repos.courtyards.listHouseholds(unitScopeOf(actor), {}, { offset: 0, limit: 1 });
  const village = rows[0]?.village_code ?? 'RML-HZ';
  return {
    sheet: sheetTitle('households'),
    headers: (['village', 'headName', 'address', 'memberCount', 'members', 'phone'] as const).map((c) =>
      columnTitle('households', c),
    ),
    rows: [
      [village, '张建华', '一组12号', 4, '张建华(户主)、李桂兰(配偶)、张磊(子女)、张敏(子女)', '13800000000'],
      [village, '王秀英', '二组5号', 2, '王秀英(户主)、刘德(配偶)', null],
    ],
  };
}
