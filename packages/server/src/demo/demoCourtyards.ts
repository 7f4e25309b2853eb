import {
  COURTYARD_LEVELS,
  type CourtyardLevelName,
  type CourtyardStandingName,
  DEFAULT_COURTYARD_LEVEL_RULES,
  DEFAULT_COURTYARD_STANDARDS,
  evaluationTotal,
  householdScore,
  seededRandom,
} from '@wuxing/core';
import { newId } from '../lib/ids';
import type {
  CourtyardApplicationRow,
  CourtyardAwardRow,
  CourtyardEvaluationRow,
  CourtyardLevelEventRow,
  HouseholdProfileRow,
} from '../repositories/courtyard.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from '../services/audit.service';
import type { ServiceContext } from '../services/context';
import { householdCode, householdUnitName } from '../services/household.service';
import { DEMO_STREETS } from './district';

/** Households per village or community: 20 × 50 = 1,000. */
export const DEMO_HOUSEHOLDS_PER_VILLAGE = 50;
export const DEMO_COURTYARD_CAMPAIGN = 'WM-2023';
export const DEMO_COURTYARD_PREVIOUS = 'WM-2022';
/** The seed's figures: households at each level now in WM-2023. */
export const DEMO_COURTYARD_AT_LEVEL = { district: 287, city: 51 } as const;

type State =
  | 'none'
  | 'applied'
  | 'village_confirmed'
  | 'rejected'
  | 'waiting'
  | 'unnamed'
  | CourtyardLevelName
  | 'demoted_ds'
  | 'demoted_sv'
  | 'demoted_vn';

/** 何庄村 (the `village` login's village): every state, 16 households not applied yet. */
const HZ_STATES: [State, number][] = [
  ['applied', 3],
  ['village_confirmed', 2],
  ['rejected', 2],
  ['waiting', 3],
  ['unnamed', 2],
  ['village', 6],
  ['street', 5],
  ['district', 8],
  ['city', 2],
  ['demoted_sv', 1],
];

/** The other 950 households: what they are in WM-2023 (the rest are not applied). */
const OTHER_STATES: [State, number][] = [
  ['applied', 10],
  ['village_confirmed', 10],
  ['rejected', 10],
  ['waiting', 20],
  ['unnamed', 40],
  ['village', 200],
  ['street', 177],
  ['district', 279],
  ['city', 49],
  ['demoted_ds', 2],
  ['demoted_sv', 2],
  ['demoted_vn', 1],
];

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '建国华明丽秀英志强军平海兰红梅玉芳桂兰春生德福长青淑珍凤英国庆永刚立新文杰小燕晓东玉兰金花宝山';
const RELATIONS = ['配偶', '子女', '子女', '父母', '孙辈', '儿媳', '女婿'];

const REJECT_REASONS = [
  '庭院改造尚未完成，待完工后再申报',
  '申报材料不全，缺少家庭成员信息',
  '该户近期有违建未整改',
];
const DEMOTE_REASONS: Record<'demoted_ds' | 'demoted_sv' | 'demoted_vn', string> = {
  demoted_ds: '复评：院内杂物堆放、绿化缺管护，复评得分低于区级标准',
  demoted_sv: '复评：厨房卫生不达标，邻里反映有纠纷，降为村级',
  demoted_vn: '复评：庭院长期无人打理，取消命名',
};

/** The score band a household at a level is evaluated in. */
const BANDS: Record<CourtyardStandingName, [number, number]> = {
  none: [68, 79.5],
  village: [80.5, 84.5],
  street: [85.5, 89.5],
  district: [90.5, 94.5],
  city: [95.5, 99],
};

/** Five standards' points (tenths) summing to `total` (tenths), each at most 20. */
function splitTotal(rand: () => number, totalTenths: number): number[] {
  const parts = [0, 0, 0, 0, 0].map(() => Math.floor(totalTenths / 5));
  parts[0] = (parts[0] ?? 0) + (totalTenths - parts.reduce((a, b) => a + b, 0));
  for (let k = 0; k < 6; k++) {
    const i = Math.floor(rand() * 5);
    const j = Math.floor(rand() * 5);
    const d = Math.floor(rand() * 15);
    if (i === j) continue;
    const pi = parts[i] ?? 0;
    const pj = parts[j] ?? 0;
    if (pi - d >= 0 && pj + d <= 200) {
      parts[i] = pi - d;
      parts[j] = pj + d;
    }
  }
  return parts.map((p) => p / 10);
}

function bandTotal(rand: () => number, level: CourtyardStandingName): number {
  const [lo, hi] = BANDS[level];
  return Math.round((lo + rand() * (hi - lo)) * 10) / 10;
}

function shuffle<T>(rand: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const a = list[i] as T;
    list[i] = list[j] as T;
    list[j] = a;
  }
  return list;
}

function expand(states: [State, number][]): State[] {
  return states.flatMap(([s, n]) => Array.from({ length: n }, () => s));
}

/** The level a state ends at, and the level it reached before a demotion. */
function levelsOf(s: State): { now: CourtyardStandingName; peak: CourtyardStandingName } {
  switch (s) {
    case 'village':
    case 'street':
    case 'district':
    case 'city':
      return { now: s, peak: s };
    case 'demoted_ds':
      return { now: 'street', peak: 'district' };
    case 'demoted_sv':
      return { now: 'village', peak: 'street' };
    case 'demoted_vn':
      return { now: 'none', peak: 'village' };
    default:
      return { now: 'none', peak: 'none' };
  }
}

const rank = (l: CourtyardStandingName) => (l === 'none' ? 0 : COURTYARD_LEVELS.indexOf(l) + 1);

/**
 * The demo's 五美庭院: 1,000 households (50 per village and community, generated names and addresses from a seeded
 * PRNG), the closed WM-2022 campaign (smaller) and WM-2023 with applications through every stage, two evaluators
 * per household (the street's inspector and, in 龙兴街道, its street admin; elsewhere a member of the acceptance
 * team), nominations one level at a time (287 district-level and 51 city-level households now), a few demotions
 * with reasons, plaques and rewards. Written in bulk (multi-row inserts), audited as one record.
 */
export async function seedDemoCourtyards(sys: ServiceContext): Promise<void> {
  const rand = seededRandom(20231127);
  const repo = sys.repos.courtyards;
  const users = new Map<string, { id: string; name: string }>();
  for (const u of [
    'admin',
    'street',
    'village',
    'inspector',
    'inspector-rml',
    'inspector-gz',
    'inspector-lh',
    'ys-1',
    'ys-2',
    'ys-3',
    'ys-4',
    'ys-5',
  ]) {
    const row = await sys.repos.users.findByUsername(u);
    if (row) users.set(u, { id: row.id, name: row.display_name });
  }
  const user = (u: string) => users.get(u) ?? { id: u, name: u };
  const streetInspector: Record<string, string> = {
    RML: 'inspector-rml',
    LX: 'inspector',
    GZ: 'inspector-gz',
    LH: 'inspector-lh',
  };

  // ——— Households ———
  const villageCodes = DEMO_STREETS.flatMap((s) => s.units.map((u) => u.code));
  const villageRows = new Map((await sys.repos.units.findByCodes(villageCodes)).map((u) => [u.code, u]));
  const units: UnitRow[] = [];
  const history: Parameters<typeof repo.insertHouseholdUnits>[1] = [];
  const profiles: HouseholdProfileRow[] = [];
  interface Planned {
    id: string;
    code: string;
    streetCode: string;
    streetName: string;
    village: UnitRow;
    state: State | 'not_applied';
  }
  const households: Planned[] = [];
  const created = '2023-02-20T01:00:00.000Z';
  for (const street of DEMO_STREETS) {
    for (const v of street.units) {
      const village = villageRows.get(v.code);
      if (!village) continue;
      for (let n = 1; n <= DEMO_HOUSEHOLDS_PER_VILLAGE; n++) {
        const id = newId();
        const code = householdCode(v.code, n);
        const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)] ?? '王';
        const given = () =>
          (GIVEN[Math.floor(rand() * GIVEN.length)] ?? '明') +
          (rand() < 0.6 ? (GIVEN[Math.floor(rand() * GIVEN.length)] ?? '') : '');
        const head = surname + given();
        const address =
          v.type === 'community'
            ? `${v.name}${1 + Math.floor((n - 1) / 12)}号楼${1 + ((n - 1) % 3)}单元${100 * (1 + ((n - 1) % 6)) + 1 + (n % 4)}室`
            : `${v.name}${1 + Math.floor((n - 1) / 10)}组${n}号`;
        const count = 1 + Math.floor(rand() * 5);
        const members = [{ name: head, relation: '户主' }];
        for (let m = 1; m < count; m++) {
          const relation = RELATIONS[Math.floor(rand() * RELATIONS.length)] ?? '子女';
          const name =
            (relation === '配偶' || relation === '儿媳'
              ? (SURNAMES[Math.floor(rand() * SURNAMES.length)] ?? '李')
              : surname) + given();
          members.push({ name, relation });
        }
        units.push({
          id,
          code,
          name: householdUnitName(head),
          type: 'household',
          parent_id: village.id,
          path: `${village.path}${id}/`,
          depth: village.depth + 1,
          weight: 1,
          contest_group_id: null,
          sort: n,
          demo: 1,
          created_at: created,
          updated_at: created,
        });
        history.push({
          id: newId(),
          unit_id: id,
          at: created,
          actor_id: sys.actor?.userId ?? null,
          actor_name: sys.actor?.displayName ?? null,
          change: 'imported',
          from_value: null,
          to_value: householdUnitName(head),
          from_parent_id: null,
          to_parent_id: village.id,
        });
        profiles.push({
          unit_id: id,
          head_name: head,
          address,
          member_count: count,
          members: JSON.stringify(members),
          phone: rand() < 0.7 ? `13${Math.floor(100000000 + rand() * 899999999)}` : null,
          updated_at: created,
        });
        households.push({
          id,
          code,
          streetCode: street.code,
          streetName: street.name,
          village,
          state: 'not_applied',
        });
      }
    }
  }
  await repo.insertHouseholdUnits(units, history);
  await repo.insertProfiles(profiles);

  // ——— States in WM-2023 ———
  const hz = households.filter((h) => h.village.code === 'RML-HZ');
  expand(HZ_STATES).forEach((s, i) => {
    const h = hz[i];
    if (h) h.state = s;
  });
  const others = shuffle(
    rand,
    households.filter((h) => h.village.code !== 'RML-HZ'),
  );
  // 龙兴街道's inspector gets households to score: two waiting in each of its villages first.
  const lxWaiting = new Set<string>();
  for (const v of DEMO_STREETS.find((s) => s.code === 'LX')?.units ?? []) {
    for (const h of others.filter((x) => x.village.code === v.code).slice(0, 2)) lxWaiting.add(h.id);
  }
  const bag = expand(OTHER_STATES);
  let waitingLeft = bag.filter((s) => s === 'waiting').length - lxWaiting.size;
  const rest: State[] = bag.filter((s) => s !== 'waiting');
  while (waitingLeft-- > 0) rest.push('waiting');
  shuffle(rand, rest);
  let k = 0;
  for (const h of others) {
    if (lxWaiting.has(h.id)) h.state = 'waiting';
    else if (k < rest.length) h.state = rest[k++] as State;
  }

  // ——— Campaigns ———
  const campaignRow = (code: string, year: number, status: string) => ({
    id: newId(),
    code,
    year,
    name: `${year}年度五美庭院创建`,
    status,
    standards: JSON.stringify(DEFAULT_COURTYARD_STANDARDS),
    levels: JSON.stringify(DEFAULT_COURTYARD_LEVEL_RULES),
    demo: 1,
    created_by_name: '区妇联',
    created_at: `${year}-02-15T01:00:00.000Z`,
    updated_at: `${year}-02-15T01:00:00.000Z`,
  });
  const c2022 = campaignRow(DEMO_COURTYARD_PREVIOUS, 2022, 'closed');
  const c2023 = campaignRow(DEMO_COURTYARD_CAMPAIGN, 2023, 'open');
  await repo.insertCampaign(c2022);
  await repo.insertCampaign(c2023);

  const apps: CourtyardApplicationRow[] = [];
  const evals: CourtyardEvaluationRow[] = [];
  const events: CourtyardLevelEventRow[] = [];
  const awards: CourtyardAwardRow[] = [];
  const admin = user('admin');
  const at = (year: number, md: string, h: number, i: number) =>
    `${year}-${md}T${String(h).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`;

  const evaluate = (
    campaignId: string,
    year: number,
    h: Planned,
    evaluators: string[],
    level: CourtyardStandingName,
    i: number,
  ): number[] => {
    const totals: number[] = [];
    evaluators.forEach((u, e) => {
      const evaluator = user(u);
      const parts = splitTotal(rand, Math.round(bandTotal(rand, level) * 10));
      const total = evaluationTotal(parts);
      totals.push(total);
      evals.push({
        id: newId(),
        campaign_id: campaignId,
        household_id: h.id,
        evaluator_id: evaluator.id,
        evaluator_name: evaluator.name,
        version: 1,
        scores: JSON.stringify(
          Object.fromEntries(DEFAULT_COURTYARD_STANDARDS.map((s, j) => [s.code, parts[j]])),
        ),
        notes: '{}',
        total,
        correction_reason: null,
        evaluated_at: at(year, `0${5 + e}-${String(10 + (i % 18)).padStart(2, '0')}`, 2 + (i % 7), i),
        recorded_at: at(year, `0${5 + e}-${String(10 + (i % 18)).padStart(2, '0')}`, 2 + (i % 7), i),
        idempotency_key: `demo-wm-${year}-${h.code}-${e + 1}`,
        fingerprint: 'demo',
      });
    });
    return totals;
  };

  const NOMINATION_DATES: Record<CourtyardLevelName, string> = {
    village: '07-10',
    street: '08-15',
    district: '10-20',
    city: '12-05',
  };
  const nominator = (h: Planned, level: CourtyardLevelName): { id: string | null; name: string } => {
    if (level === 'village')
      return h.village.code === 'RML-HZ' ? user('village') : { id: null, name: `${h.village.name}村委会` };
    if (level === 'street')
      return h.streetCode === 'LX' ? user('street') : { id: null, name: `${h.streetName}` };
    return admin;
  };
  const climb = (
    campaignId: string,
    year: number,
    h: Planned,
    to: CourtyardStandingName,
    score: number | null,
    i: number,
  ) => {
    for (let r = 1; r <= rank(to); r++) {
      const level = COURTYARD_LEVELS[r - 1] as CourtyardLevelName;
      const who = nominator(h, level);
      events.push({
        id: newId(),
        campaign_id: campaignId,
        household_id: h.id,
        kind: 'nominate',
        from_level: r === 1 ? 'none' : (COURTYARD_LEVELS[r - 2] as string),
        to_level: level,
        score,
        reason: null,
        approved_by: level === 'city' ? '市妇联' : level === 'district' ? '区妇联' : null,
        actor_id: who.id,
        actor_name: who.name,
        at: at(year, NOMINATION_DATES[level], 2, i),
      });
    }
  };

  // ——— WM-2022 (closed): a year earlier each named household stood a step lower or the same ———
  // About 3 in 10 of this year's named households first applied this year; a few named then are not now.
  const previousLevel = (h: Planned): CourtyardStandingName | null => {
    const { now, peak } = levelsOf(h.state as State);
    if (h.state === 'unnamed') return rand() < 0.3 ? 'village' : null;
    if (h.state === 'not_applied') return rand() < 0.05 ? 'village' : null;
    if (peak === 'none') return rand() < 0.15 ? 'none' : null;
    if (rand() < 0.3) return null;
    const top = Math.max(rank(now), rank(peak));
    const r = top - (rand() < 0.55 ? 1 : 0);
    return r <= 0 ? 'none' : (COURTYARD_LEVELS[r - 1] as CourtyardLevelName);
  };
  households.forEach((h, i) => {
    const level = previousLevel(h);
    if (level === null) return;
    const totals = evaluate(c2022.id, 2022, h, [streetInspector[h.streetCode] ?? 'inspector'], level, i);
    apps.push({
      id: newId(),
      campaign_id: c2022.id,
      household_id: h.id,
      status: 'street_confirmed',
      level,
      score: householdScore(totals),
      evaluator_count: 1,
      applied_by: null,
      applied_by_name: `${h.village.name}村委会`,
      applied_at: at(2022, '03-08', 2, i),
      village_confirmed_by_name: `${h.village.name}村委会`,
      village_confirmed_at: at(2022, '03-08', 3, i),
      street_confirmed_by_name: h.streetName,
      street_confirmed_at: at(2022, '04-12', 2, i),
      rejected_by_name: null,
      rejected_at: null,
      reject_reason: null,
      level_changed_at: level === 'none' ? null : at(2022, NOMINATION_DATES[level], 2, i),
      demo: 1,
    });
    climb(c2022.id, 2022, h, level, householdScore(totals), i);
  });

  // ——— WM-2023 ———
  households.forEach((h, i) => {
    const s = h.state;
    if (s === 'not_applied') return;
    const villageUser =
      h.village.code === 'RML-HZ' ? user('village') : { id: null, name: `${h.village.name}村委会` };
    const streetUser = h.streetCode === 'LX' ? user('street') : { id: null, name: h.streetName };
    const confirmedV = s !== 'applied' && !(s === 'rejected' && i % 2 === 0);
    const confirmedS = !['applied', 'village_confirmed', 'rejected'].includes(s);
    const { now, peak } = levelsOf(s as State);
    let score: number | null = null;
    let count = 0;
    if (confirmedS && s !== 'waiting') {
      const second = h.streetCode === 'LX' ? 'street' : `ys-${1 + (i % 5)}`;
      const totals = evaluate(
        c2023.id,
        2023,
        h,
        [streetInspector[h.streetCode] ?? 'inspector', second],
        s === 'unnamed' ? 'none' : peak,
        i,
      );
      score = householdScore(totals);
      count = totals.length;
      climb(c2023.id, 2023, h, peak, score, i);
      if (s === 'demoted_ds' || s === 'demoted_sv' || s === 'demoted_vn') {
        // The re-review (复评): the street's inspector corrects their total into the lower level's band.
        const first = evals[evals.length - 2];
        const other = evals[evals.length - 1];
        if (first && other) {
          const target = (BANDS[now][0] + BANDS[now][1]) / 2;
          const corrected = Math.max(
            0,
            Math.min(100, Math.round((2 * target - Number(other.total)) * 10) / 10),
          );
          const parts = splitTotal(rand, Math.round(corrected * 10));
          const total = evaluationTotal(parts);
          evals.push({
            ...first,
            id: newId(),
            version: 2,
            scores: JSON.stringify(
              Object.fromEntries(DEFAULT_COURTYARD_STANDARDS.map((st, j) => [st.code, parts[j]])),
            ),
            total,
            correction_reason: '复评',
            evaluated_at: at(2023, '12-12', 2, i),
            recorded_at: at(2023, '12-12', 2, i),
            idempotency_key: `demo-wm-2023-${h.code}-1-v2`,
          });
          score = householdScore([total, Number(other.total)]);
          const reason = DEMOTE_REASONS[s];
          const who = now === 'none' || now === 'village' ? streetUser : admin;
          events.push({
            id: newId(),
            campaign_id: c2023.id,
            household_id: h.id,
            kind: 'demote',
            from_level: peak,
            to_level: now,
            score,
            reason,
            approved_by: null,
            actor_id: peak === 'district' ? admin.id : who.id,
            actor_name: peak === 'district' ? admin.name : who.name,
            at: at(2023, '12-15', 2, i),
          });
        }
      }
    }
    apps.push({
      id: newId(),
      campaign_id: c2023.id,
      household_id: h.id,
      status:
        s === 'applied'
          ? 'applied'
          : s === 'village_confirmed'
            ? 'village_confirmed'
            : s === 'rejected'
              ? 'rejected'
              : confirmedS
                ? 'street_confirmed'
                : 'applied',
      level: now,
      score,
      evaluator_count: count,
      applied_by: villageUser.id,
      applied_by_name: villageUser.name,
      applied_at: at(2023, '03-06', 2, i),
      village_confirmed_by_name: confirmedV ? villageUser.name : null,
      village_confirmed_at: confirmedV ? at(2023, '03-09', 2, i) : null,
      street_confirmed_by_name: confirmedS ? streetUser.name : null,
      street_confirmed_at: confirmedS ? at(2023, '04-11', 2, i) : null,
      rejected_by_name: s === 'rejected' ? (confirmedV ? streetUser.name : villageUser.name) : null,
      rejected_at: s === 'rejected' ? at(2023, '04-11', 3, i) : null,
      reject_reason: s === 'rejected' ? (REJECT_REASONS[i % REJECT_REASONS.length] ?? null) : null,
      level_changed_at:
        peak === 'none' ? null : at(2023, s.startsWith('demoted') ? '12-15' : NOMINATION_DATES[peak], 2, i),
      demo: 1,
    });
    // Plaques for every city-level household and 9 in 10 district-level ones; rewards for the city level.
    if (now === 'district' || now === 'city') {
      const by = now === 'city' ? '市妇联' : '区妇联';
      if (now === 'city' || i % 10 !== 0)
        awards.push({
          id: newId(),
          campaign_id: c2023.id,
          household_id: h.id,
          kind: 'plaque',
          level: now,
          description: now === 'city' ? '市级五美庭院示范户' : '区级五美庭院示范户',
          amount: null,
          given_on: now === 'city' ? '2023-12-20' : '2023-11-08',
          given_by: by,
          recorded_by: admin.id,
          recorded_by_name: admin.name,
          recorded_at: at(2023, '12-21', 2, i),
        });
      if (now === 'city')
        awards.push({
          id: newId(),
          campaign_id: c2023.id,
          household_id: h.id,
          kind: 'material',
          level: now,
          description: '奖励金',
          amount: 500,
          given_on: '2023-12-20',
          given_by: by,
          recorded_by: admin.id,
          recorded_by_name: admin.name,
          recorded_at: at(2023, '12-21', 2, i),
        });
    }
  });

  await repo.insertApplications(apps);
  await repo.insertEvaluations(evals);
  await repo.insertLevelEvents(events);
  await repo.insertAwards(awards);
  await recordAudit(sys, {
    action: 'courtyard.demo.seed',
    entity: 'courtyard_campaign',
    entityId: c2023.id,
    before: null,
    after: {
      households: households.length,
      campaigns: [c2022.code, c2023.code],
      applications: apps.length,
      evaluations: evals.length,
      levelEvents: events.length,
      awards: awards.length,
    },
  });
}
