/**
 * The demo district, modelled on the seed (石龙区, April 2023): four streets with their villages and
 * communities, and the 59 units of the 擂台赛 in their four contest groups. Everything here is 示例数据.
 */
export const DEMO_DISTRICT = { code: 'SL', name: '石龙区' };

export interface DemoStreet {
  code: string;
  name: string;
  units: { code: string; name: string; type: 'village' | 'community' }[];
}

export const DEMO_STREETS: DemoStreet[] = [
  {
    code: 'RML',
    name: '人民路街道',
    units: [
      { code: 'RML-HZ', name: '何庄村', type: 'village' },
      { code: 'RML-BD', name: '北顶村', type: 'village' },
      { code: 'RML-SD', name: '圣德社区', type: 'community' },
      { code: 'RML-ZH', name: '中鸿社区', type: 'community' },
      { code: 'RML-RW', name: '人文路社区', type: 'community' },
    ],
  },
  {
    code: 'LX',
    name: '龙兴街道',
    units: [
      { code: 'LX-LX', name: '龙兴村', type: 'village' },
      { code: 'LX-SZ', name: '孙庄村', type: 'village' },
      { code: 'LX-ZZ', name: '张庄村', type: 'village' },
      { code: 'LX-CZ', name: '蔡庄村', type: 'village' },
      { code: 'LX-LZ', name: '鲁庄村', type: 'village' },
      { code: 'LX-JZ', name: '贾庄村', type: 'village' },
      { code: 'LX-DY', name: '大营村', type: 'village' },
    ],
  },
  {
    code: 'GZ',
    name: '高庄街道',
    units: [
      { code: 'GZ-GZ', name: '高庄村', type: 'village' },
      { code: 'GZ-XZ', name: '夏庄村', type: 'village' },
      { code: 'GZ-SM', name: '石门村', type: 'village' },
      { code: 'GZ-YW', name: '艳伟社区', type: 'community' },
    ],
  },
  {
    code: 'LH',
    name: '龙河街道',
    units: [
      { code: 'LH-HW', name: '河湾村', type: 'village' },
      { code: 'LH-LH', name: '龙河村', type: 'village' },
      { code: 'LH-LS', name: '龙山村', type: 'village' },
      { code: 'LH-YD', name: '玉带社区', type: 'community' },
    ],
  },
];

export interface DemoContestGroup {
  code: string;
  name: string;
  /** Departments of the group; the street group lists the four streets by code instead. */
  departments: string[];
  streets?: string[];
}

export const DEMO_CONTEST_GROUPS: DemoContestGroup[] = [
  {
    code: 'DQ',
    name: '党群机关',
    departments: [
      '区委办',
      '区人大办',
      '区政协办',
      '区纪委监委',
      '区委组织部',
      '区委宣传部',
      '区委统战部',
      '区委政法委',
      '区委编办',
      '区委巡察办',
      '区委网信办',
      '区委党校',
      '区总工会',
      '团区委',
      '区妇联',
      '区科协',
    ],
  },
  {
    code: 'ZF',
    name: '政府部门',
    departments: [
      '区政府办',
      '区发改委',
      '区教体局',
      '区科工信局',
      '区民政局',
      '区司法局',
      '区财政局',
      '区人社局',
      '区城乡建设和交通运输局',
      '区农业农村局',
      '区水利局',
      '区商务局',
      '区文化广电和旅游局',
      '区卫健委',
      '区退役军人事务局',
      '区应急管理局',
      '区审计局',
      '区统计局',
      '区市场监督管理局',
      '区医疗保障局',
      '区城市管理局',
      '区信访局',
      '区机关事务中心',
      '区民族宗教事务中心',
      '区乡村振兴局',
      '区投资促进中心',
      '区国有资产服务中心',
      '区大数据中心',
      '区林业局',
    ],
  },
  { code: 'JD', name: '街道', departments: [], streets: ['RML', 'LX', 'GZ', 'LH'] },
  {
    code: 'CZ',
    name: '垂直部门/窗口单位',
    departments: [
      '区法院',
      '区检察院',
      '区公安分局',
      '区环保局',
      '区税务局',
      '区自然资源分局',
      '区消防救援大队',
      '区供电公司',
      '区政务服务中心',
      '区邮政公司',
    ],
  },
];

export const DEMO_PASSWORD = 'wuxing2023';

/**
 * One demo login per role, plus one inspector (督导组成员) per street so that every street's units are assigned
 * in the demo rounds, and the five members of the district's acceptance team (验收组, inspectors with no
 * standing assignment) who score every unit in the year-end acceptance round YS-2023. `inspector` (龙兴街道)
 * is the one the README and the tests use.
 */
export const DEMO_USERS = [
  { username: 'admin', displayName: '区委组织部 王敏', role: 'district_admin', scope: 'SL' },
  { username: 'inspector', displayName: '督导组 李强', role: 'inspector', scope: null, assigned: ['LX'] },
  {
    username: 'inspector-rml',
    displayName: '督导组 刘洋',
    role: 'inspector',
    scope: null,
    assigned: ['RML'],
  },
  { username: 'inspector-gz', displayName: '督导组 孙丽', role: 'inspector', scope: null, assigned: ['GZ'] },
  { username: 'inspector-lh', displayName: '督导组 马骏', role: 'inspector', scope: null, assigned: ['LH'] },
  { username: 'street', displayName: '龙兴街道 景华', role: 'street_admin', scope: 'LX' },
  { username: 'village', displayName: '何庄村书记 秦国', role: 'village_user', scope: 'RML-HZ' },
  { username: 'judge', displayName: '评委 陈红', role: 'judge', scope: null },
  { username: 'ys-1', displayName: '验收组 张建国', role: 'inspector', scope: null },
  { username: 'ys-2', displayName: '验收组 王秀兰', role: 'inspector', scope: null },
  { username: 'ys-3', displayName: '验收组 赵志刚', role: 'inspector', scope: null },
  { username: 'ys-4', displayName: '验收组 周慧敏', role: 'inspector', scope: null },
  { username: 'ys-5', displayName: '验收组 吴德明', role: 'inspector', scope: null },
] as const;

/** The acceptance team (验收组) of the demo year, in scorer order: ys-1 gives each unit the first planned value. */
export const DEMO_ACCEPTANCE_TEAM = ['ys-1', 'ys-2', 'ys-3', 'ys-4', 'ys-5'] as const;

/** The demo inspector whose standing assignment covers each street (street code → username). */
export const DEMO_STREET_INSPECTORS: ReadonlyMap<string, string> = new Map(
  DEMO_USERS.flatMap((u) => ('assigned' in u ? u.assigned.map((code) => [code, u.username] as const) : [])),
);
