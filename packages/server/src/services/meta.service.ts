import type { ServiceContext } from './context';

export const SETTING_DISTRICT_NAME = 'district_name';
export const SETTING_DEMO = 'demo';

/** Public facts about this installation: the district's name and whether it holds demo data. */
export async function getMeta(ctx: ServiceContext): Promise<{ districtName: string | null; demo: boolean }> {
  return {
    districtName: await ctx.repos.settings.get(SETTING_DISTRICT_NAME),
    demo: (await ctx.repos.settings.get(SETTING_DEMO)) === '1',
  };
}
