import { createHash, timingSafeEqual } from 'node:crypto';
import type { BigScreenQuery, DashboardQuery, DashboardView } from '../contracts/dashboard';
import { invalid, notFound } from '../lib/errors';
import { newToken } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize } from '../policies/policy';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import { loadRankingInputs } from './campaignLoader';
import type { ServiceContext } from './context';
import {
  type DashboardScope,
  dashboardCampaign,
  dashboardCampaigns,
  dashboardFigures,
  dashboardMonths,
  scoreStateOf,
} from './dashboardFigures';
import { SETTING_DEMO, SETTING_DISTRICT_NAME } from './meta.service';

export { getVillageDashboard } from './dashboardVillage';

/**
 * 数据看板: the district and street dashboards and the district big screen (大屏) with its secret link. Every
 * figure comes from dashboardFigures (one definition, the scoring core's formulas).
 */

/** The district root unit (the top of the tree). */
async function districtRoot(ctx: ServiceContext): Promise<DashboardScope> {
  const [root] = await ctx.repos.units.list({ kind: 'all' }, { type: 'district', households: false });
  if (!root) throw notFound('尚未建立区级单位');
  return { level: 'district', code: root.code, name: root.name, path: null };
}

function streetScope(street: UnitRow): DashboardScope {
  return { level: 'street', code: street.code, name: street.name, path: street.path };
}

/**
 * The scope a dashboard request is for, authorised: a street admin gets its street (`?street=` naming another
 * is a 403), a district admin the district or the street asked for; everyone else 403, the public 401.
 */
async function resolveScope(ctx: ServiceContext, street: string | undefined): Promise<DashboardScope> {
  // A first check before reading anything: only district and street admins have dashboards.
  authorize(ctx.actor, {
    do: 'dashboard.read',
    unit: { path: ctx.actor?.scopePath ?? '/', type: 'street' },
  });
  const actor: Actor = ctx.actor;
  if (street) {
    const unit = await ctx.repos.units.findByCode(street);
    if (!unit) throw notFound('街道不存在');
    authorize(actor, { do: 'dashboard.read', unit: { path: unit.path, type: unit.type } });
    if (unit.type !== 'street') throw invalid(`${unit.name} 不是街道`, 'street');
    return streetScope(unit);
  }
  if (actor.role === 'district_admin') return districtRoot(ctx);
  const own = actor.scopeUnitId ? await ctx.repos.units.findById(actor.scopeUnitId) : undefined;
  if (!own) throw notFound('账号未关联街道');
  authorize(actor, { do: 'dashboard.read', unit: { path: own.path, type: own.type } });
  return streetScope(own);
}

/** Computes a dashboard for a scope: the ranking inputs loaded once, January…M computed in one call. */
async function buildDashboard(
  ctx: ServiceContext,
  scope: DashboardScope,
  query: { campaign?: string | undefined; month?: string | undefined },
): Promise<DashboardView> {
  const campaign = await dashboardCampaign(ctx.repos, query.campaign);
  const inputs = await loadRankingInputs(ctx.repos, campaign);
  const { month, months } = dashboardMonths(campaign, inputs, query.month);
  return dashboardFigures(ctx, {
    campaign,
    campaigns: await dashboardCampaigns(ctx.repos),
    scope,
    month,
    months,
    state: scoreStateOf(inputs, month),
    now: ctx.now,
  });
}

/**
 * The district dashboard (district admins), or one street's (`?street=`; street admins always their own): the
 * month's KPIs, distribution, stars, ranking, trend, problem funnel, warnings and the contest and courtyard
 * summaries.
 */
export async function getDashboard(ctx: ServiceContext, query: DashboardQuery): Promise<DashboardView> {
  const scope = await resolveScope(ctx, query.street);
  return buildDashboard(ctx, scope, query);
}

// ——— The big screen ———

/** Settings keys of the big-screen link: only the token's sha256 is kept. */
export const SETTING_SCREEN_HASH = 'bigscreen.tokenHash';
export const SETTING_SCREEN_CREATED_AT = 'bigscreen.createdAt';
export const SETTING_SCREEN_CREATED_BY = 'bigscreen.createdByName';

/** The sha256 (hex) a big-screen token is stored as. */
export function screenTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The big-screen link as its dialog shows it; `token` only in the answer that made it. */
export interface ScreenLink {
  exists: boolean;
  token: string | null;
  createdAt: string | null;
  createdByName: string | null;
}

/** Whether a big-screen link exists, when and by whom it was made (district admins; never the token). */
export async function getBigScreenLink(ctx: ServiceContext): Promise<ScreenLink> {
  authorize(ctx.actor, { do: 'dashboard.screen' });
  const hash = await ctx.repos.settings.get(SETTING_SCREEN_HASH);
  return {
    exists: Boolean(hash),
    token: null,
    createdAt: hash ? await ctx.repos.settings.get(SETTING_SCREEN_CREATED_AT) : null,
    createdByName: hash ? await ctx.repos.settings.get(SETTING_SCREEN_CREATED_BY) : null,
  };
}

/**
 * Makes a new big-screen link (district admins): a random 24-byte token whose sha256 replaces the old one (the
 * old link then answers 404). The token is answered once and never stored or audited.
 */
export async function makeBigScreenLink(ctx: ServiceContext): Promise<ScreenLink> {
  authorize(ctx.actor, { do: 'dashboard.screen' });
  const token = newToken(24);
  const replaced = Boolean(await ctx.repos.settings.get(SETTING_SCREEN_HASH));
  await ctx.repos.settings.set(SETTING_SCREEN_HASH, screenTokenHash(token));
  await ctx.repos.settings.set(SETTING_SCREEN_CREATED_AT, ctx.now);
  await ctx.repos.settings.set(SETTING_SCREEN_CREATED_BY, ctx.actor.displayName);
  await recordAudit(ctx, {
    action: 'dashboard.screenLink',
    entity: 'settings',
    entityId: SETTING_SCREEN_HASH,
    before: replaced ? { link: 'replaced' } : null,
    after: { link: 'created' },
  });
  return { exists: true, token, createdAt: ctx.now, createdByName: ctx.actor.displayName };
}

/** Checks a big-screen token against the stored hash in constant time: 404 when it does not match. */
export async function checkScreenToken(ctx: ServiceContext, token: string): Promise<void> {
  const stored = await ctx.repos.settings.get(SETTING_SCREEN_HASH);
  const given = Buffer.from(screenTokenHash(token), 'hex');
  const expected = Buffer.from(stored ?? '', 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw notFound('大屏链接无效或已更换');
}

/** The district big screen's data. */
export interface BigScreen {
  districtName: string;
  demo: boolean;
  dashboard: DashboardView;
  version: string;
}

/**
 * The district big screen (public, the token is the permission): the district dashboard's figures with nothing
 * personal (no user names, no problem texts), and the data version its live stream compares.
 */
export async function getBigScreen(
  ctx: ServiceContext,
  token: string,
  query: BigScreenQuery,
): Promise<BigScreen> {
  await checkScreenToken(ctx, token);
  const version = await ctx.repos.dashboard.dataVersion();
  const dashboard = await buildDashboard(ctx, await districtRoot(ctx), query);
  return {
    districtName: (await ctx.repos.settings.get(SETTING_DISTRICT_NAME)) ?? dashboard.head.scope.name,
    demo: (await ctx.repos.settings.get(SETTING_DEMO)) === '1',
    dashboard,
    version,
  };
}

/** Opens the big screen's live stream: 404 for a token that does not match; answers the current data version. */
export async function openBigScreenStream(ctx: ServiceContext, token: string): Promise<string> {
  await checkScreenToken(ctx, token);
  return ctx.repos.dashboard.dataVersion();
}

/** The data version the big screen's stream compares (max audit sequence). */
export async function readDashboardVersion(ctx: ServiceContext): Promise<string> {
  return ctx.repos.dashboard.dataVersion();
}
