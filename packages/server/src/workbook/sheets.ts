/**
 * The campaign workbook's sheets and columns (spec/SCORING.md): Chinese names first, English accepted too.
 * One table so import, export and error messages agree on every name.
 */
export const SHEETS = {
  campaign: {
    names: ['方案', 'campaign'],
    columns: {
      code: ['编码', 'code'],
      name: ['名称', 'name'],
      year: ['年度', 'year'],
      starLine: ['评星线', 'star_line'],
      prerequisite: ['前置星', 'prerequisite'],
      trim: ['去极值', 'trim'],
    },
  },
  units: {
    names: ['单位', 'units'],
    columns: {
      code: ['编码', 'code'],
      name: ['名称', 'name'],
      type: ['类型', 'type'],
      parent: ['上级编码', 'parent'],
      weight: ['权重', 'weight'],
    },
  },
  stars: { names: ['星', 'stars'], columns: { code: ['编码', 'code'], name: ['名称', 'name'] } },
  modules: {
    names: ['板块', 'modules'],
    columns: {
      code: ['编码', 'code'],
      name: ['名称', 'name'],
      budget: ['分值', 'budget'],
      kind: ['类型', 'kind'],
    },
  },
  targets: {
    names: ['创建目标', 'targets'],
    columns: { unit: ['单位编码', 'unit'], star: ['星编码', 'star'] },
  },
  items: {
    names: ['指标', 'items'],
    columns: {
      code: ['编码', 'code'],
      name: ['名称', 'name'],
      star: ['星编码', 'star'],
      module: ['板块编码', 'module'],
      period: ['月份', 'period'],
      max: ['满分', 'max'],
    },
  },
  scores: {
    names: ['得分', 'scores'],
    columns: {
      unit: ['单位编码', 'unit'],
      item: ['指标编码', 'item'],
      points: ['得分', 'points'],
      scorer: ['评分人', 'scorer'],
      na: ['不适用', 'na'],
    },
  },
  bonuses: {
    names: ['加分', 'bonuses'],
    columns: {
      unit: ['单位编码', 'unit'],
      star: ['星编码', 'star'],
      module: ['板块编码', 'module'],
      period: ['月份', 'period'],
      points: ['分值', 'points'],
      reason: ['事由', 'reason'],
    },
  },
  /** 五美庭院 households (住户), imported on their own (not part of a campaign workbook). */
  households: {
    names: ['住户', 'households'],
    columns: {
      village: ['村(社区)编码', '村（社区）编码', 'village_code'],
      headName: ['户主', 'head_name'],
      address: ['地址', 'address'],
      memberCount: ['家庭人口', 'member_count'],
      members: ['家庭成员', 'members'],
      phone: ['联系电话', 'phone'],
    },
  },
  /** 宣传活动 outreach activities, imported on their own (one row per event). */
  activities: {
    names: ['宣传活动', 'activities'],
    columns: {
      unit: ['单位编码', 'unit_code'],
      title: ['活动名称', 'title'],
      topic: ['主题', 'topic'],
      heldOn: ['日期', 'held_on'],
      place: ['地点', 'place'],
      partners: ['参与单位', 'partners'],
      summary: ['活动简介', 'summary'],
      staff: ['出动工作人员', 'staff'],
      banners: ['悬挂横幅', 'banners'],
      desks: ['设置咨询台', 'desks'],
      boards: ['展出展板', 'boards'],
      leaflets: ['发放宣传资料', 'leaflets'],
      consultations: ['接受咨询', 'consultations'],
    },
  },
  /** 擂台赛 所获荣誉 of a contest's units, imported on their own. */
  contestHonours: {
    names: ['荣誉', 'honours'],
    columns: {
      unit: ['单位编码', 'unit_code'],
      title: ['荣誉名称', 'title'],
      level: ['级别', 'level'],
      awardedOn: ['授予日期', 'awarded_on'],
      issuer: ['授予单位', 'issuer'],
    },
  },
  /** 擂台赛 干部作风评价 survey: vote counts per unit, imported on their own. */
  contestCadre: {
    names: ['作风评价', 'cadre'],
    columns: {
      unit: ['单位编码', 'unit_code'],
      name: ['单位名称', 'unit_name'],
      good: ['好', 'good'],
      fairlyGood: ['较好', 'fairly_good'],
      average: ['一般', 'average'],
      poor: ['差', 'poor'],
    },
  },
} as const;

export type SheetKey = keyof typeof SHEETS;
export type ColumnKey<S extends SheetKey> = keyof (typeof SHEETS)[S]['columns'];

/** The Chinese header of a column, as exports write it and errors name it. */
export function columnTitle<S extends SheetKey>(sheet: S, column: ColumnKey<S>): string {
  const columns = SHEETS[sheet].columns as Record<string, readonly string[]>;
  return columns[column as string]?.[0] ?? String(column);
}

/** The Chinese name of a sheet. */
export function sheetTitle(sheet: SheetKey): string {
  return SHEETS[sheet].names[0];
}

/** Unit types as the workbook writes them. */
export const UNIT_TYPE_WORDS: Record<string, string> = {
  区: 'district',
  街道: 'street',
  乡镇: 'street',
  村: 'village',
  社区: 'community',
  单位: 'department',
  户: 'household',
  district: 'district',
  street: 'street',
  village: 'village',
  community: 'community',
  department: 'department',
  household: 'household',
};

export const UNIT_TYPE_LABELS: Record<string, string> = {
  district: '区',
  street: '街道',
  village: '村',
  community: '社区',
  department: '单位',
  household: '户',
};
