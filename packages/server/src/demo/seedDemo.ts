import type { Role } from '../contracts/common';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { recordAudit } from '../services/audit.service';
import type { ServiceContext } from '../services/context';
import { SETTING_DEMO, SETTING_DISTRICT_NAME } from '../services/meta.service';
import { createUnit } from '../services/unit.service';
import { createUser } from '../services/user.service';
import { seedDemoAcceptance } from './demoAcceptance';
import { seedDemoActivities } from './demoActivities';
import { seedDemoBulletins } from './demoBulletins';
import { seedDemoCadres } from './demoCadres';
import { lockDemoMonths, seedDemoCampaign } from './demoCampaign';
import { seedDemoContests } from './demoContests';
import { seedDemoCourtyards } from './demoCourtyards';
import { seedDemoCreationFiles } from './demoCreationFiles';
import { seedDemoProblems } from './demoProblems';
import { seedDemoPublications } from './demoPublications';
import { seedDemoRatings } from './demoRatings';
import { seedDemoSupervision } from './demoSupervision';
import { seedDemoTasks } from './demoTasks';
import { seedDemoWarnings } from './demoWarnings';
import { DEMO_CONTEST_GROUPS, DEMO_DISTRICT, DEMO_PASSWORD, DEMO_STREETS, DEMO_USERS } from './district';

/** The actor that creates the demo district: a district admin that is not a login. */
export const SYSTEM_ACTOR: Actor = {
  userId: 'system',
  username: 'system',
  displayName: '系统（示例数据）',
  role: 'district_admin',
  scopeUnitId: null,
  scopePath: '/',
  assignedPaths: [],
  sessionId: 'system',
};

/** True when the database has no units yet, i.e. this is a first start. */
export async function isEmpty(ctx: ServiceContext): Promise<boolean> {
  return (await ctx.repos.units.count()) === 0 && (await ctx.repos.users.count()) === 0;
}

/**
 * Creates the demo district (石龙区: streets, villages, the 59 contest units, one login per role) through
 * the same use cases as the app, so it is audited like any other change. Everything is flagged as demo.
 */
export async function seedDemoDistrict(ctx: ServiceContext): Promise<void> {
  const sys: ServiceContext = { ...ctx, actor: SYSTEM_ACTOR };
  const markDemo = async (id: string) => ctx.repos.units.update(id, { demo: 1 });
  const district = await createUnit(sys, {
    code: DEMO_DISTRICT.code,
    name: DEMO_DISTRICT.name,
    type: 'district',
  });
  await markDemo(district.id);
  let sort = 0;
  for (const street of DEMO_STREETS) {
    const s = await createUnit(sys, {
      code: street.code,
      name: street.name,
      type: 'street',
      parentCode: DEMO_DISTRICT.code,
    });
    await ctx.repos.units.update(s.id, { demo: 1, sort: sort++ });
    for (const v of street.units) {
      const u = await createUnit(sys, { code: v.code, name: v.name, type: v.type, parentCode: street.code });
      await ctx.repos.units.update(u.id, { demo: 1, sort: sort++ });
    }
  }
  let groupSort = 0;
  for (const group of DEMO_CONTEST_GROUPS) {
    const groupId = newId();
    await ctx.repos.contestGroups.insert({
      id: groupId,
      code: group.code,
      name: group.name,
      sort: groupSort++,
      demo: 1,
    });
    await recordAudit(sys, {
      action: 'contestGroup.create',
      entity: 'contestGroup',
      entityId: groupId,
      before: null,
      after: { code: group.code, name: group.name },
    });
    let n = 0;
    for (const name of group.departments) {
      n += 1;
      const code = `${group.code}-${String(n).padStart(2, '0')}`;
      const u = await createUnit(sys, {
        code,
        name,
        type: 'department',
        parentCode: DEMO_DISTRICT.code,
        contestGroupCode: group.code,
      });
      await ctx.repos.units.update(u.id, { demo: 1, sort: sort++ });
    }
    for (const streetCode of group.streets ?? []) {
      const street = await ctx.repos.units.findByCode(streetCode);
      if (street) await ctx.repos.units.update(street.id, { contest_group_id: groupId });
    }
  }
  for (const u of DEMO_USERS) {
    await createUser(
      sys,
      {
        username: u.username,
        displayName: u.displayName,
        role: u.role as Role,
        scopeUnitCode: u.scope,
        assignedUnitCodes: 'assigned' in u ? [...u.assigned] : undefined,
        password: DEMO_PASSWORD,
      },
      { demo: true, mustChangePassword: false },
    );
  }
  await ctx.repos.settings.set(SETTING_DISTRICT_NAME, DEMO_DISTRICT.name);
  await ctx.repos.settings.set(SETTING_DEMO, '1');
  const plan = await seedDemoCampaign(sys);
  await seedDemoTasks(sys, plan.campaignId, plan.rc);
  await seedDemoAcceptance(sys, plan.campaignId, plan.nd);
  await lockDemoMonths(sys, plan.campaignId);
  await seedDemoSupervision(sys);
  // The problem ledger refers to the supervision rounds: keep it last.
  await seedDemoProblems(sys);
  await seedDemoRatings(sys);
  // 预警 for the demo's 2023 quarters, with talks: after the ratings, as the ranking stands.
  await seedDemoWarnings(sys);
  await seedDemoPublications(sys);
  await seedDemoContests(sys);
  await seedDemoCourtyards(sys);
  await seedDemoBulletins(sys);
  await seedDemoCreationFiles(sys);
  await seedDemoCadres(sys);
  await seedDemoActivities(sys);
}
