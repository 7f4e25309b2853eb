import { describe, expect, it } from 'vitest';
import { type CampaignModel, deductionModuleOf, defaultFiveStarModel, validateModel } from './model';

describe('defaultFiveStarModel', () => {
  const m = defaultFiveStarModel(2023);

  it('has the five default stars and four modules of SCORING.md', () => {
    expect(m.stars.map((s) => `${s.code} ${s.name}`)).toEqual([
      'ZB 支部过硬星',
      'CY 产业兴旺星',
      'ST 生态宜居星',
      'PA 平安法治星',
      'WM 文明幸福星',
    ]);
    expect(m.modules).toEqual([
      { code: 'RC', name: '日常任务', budget: 30, kind: 'plan' },
      { code: 'DD', name: '督导观摩', budget: 40, kind: 'plan' },
      { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
      { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
    ]);
    expect(m).toMatchObject({
      year: 2023,
      starLine: 80,
      prerequisite: 'ZB',
      trim: true,
      problemDeduction: 0.5,
    });
    expect(deductionModuleOf(m)).toBe('DD');
  });

  it('has 12 RC, 12 DD and one December ND item per star', () => {
    expect(m.items).toHaveLength(125);
    const zb = m.items.filter((i) => i.star === 'ZB');
    expect(zb.filter((i) => i.module === 'RC').every((i) => i.max === 10)).toBe(true);
    expect(zb.filter((i) => i.module === 'DD').every((i) => i.max === 100)).toBe(true);
    expect(zb.filter((i) => i.module === 'ND')).toEqual([
      { code: 'ND-ZB-12', name: '2023年年度考核', star: 'ZB', module: 'ND', month: '2023-12', max: 100 },
    ]);
    expect(zb[0]).toEqual({
      code: 'RC-ZB-01',
      name: '2023年1月日常任务',
      star: 'ZB',
      module: 'RC',
      month: '2023-01',
      max: 10,
    });
    expect(m.items.find((i) => i.code === 'DD-WM-11')?.name).toBe('2023年11月督导观摩');
  });

  it('is valid', () => {
    expect(validateModel(m)).toEqual([]);
  });

  it('defaults the deduction module to DD when absent', () => {
    const { deductionModule: _, ...rest } = m;
    expect(deductionModuleOf(rest)).toBe('DD');
  });
});

describe('validateModel', () => {
  const valid = (): CampaignModel => defaultFiveStarModel(2023);

  it('requires budgets adding up to 100', () => {
    const m = valid();
    m.modules = m.modules.map((x) => (x.code === 'ND' ? { ...x, budget: 25 } : x));
    expect(validateModel(m)).toEqual(['各板块分值之和应为 100，当前为 105']);
  });

  it('reports unknown stars and modules, bonus-module items, bad max and months outside the year', () => {
    const m = valid();
    m.items.push(
      { code: 'X1', name: 'x', star: 'XX', module: 'RC', month: '2023-01', max: 10 },
      { code: 'X2', name: 'x', star: 'ZB', module: 'YY', month: '2023-01', max: 10 },
      { code: 'X3', name: 'x', star: 'ZB', module: 'DQ', month: '2023-01', max: 10 },
      { code: 'X4', name: 'x', star: 'ZB', module: 'RC', month: '2023-01', max: 0 },
      { code: 'X5', name: 'x', star: 'ZB', module: 'RC', month: '2024-01', max: 5 },
      { code: 'X6', name: 'x', star: 'ZB', module: 'RC', month: '2023-1', max: 5 },
    );
    expect(validateModel(m)).toEqual([
      '指标“X1”的星编码“XX”不存在',
      '指标“X2”的板块编码“YY”不存在',
      '指标“X3”属于加分板块“DQ”，指标只能属于计划板块',
      '指标“X4”的满分 0 无效，应大于 0',
      '指标“X5”的月份“2024-01”不在考评年度 2023 内',
      '指标“X6”的月份“2023-1”无效，应为 YYYY-MM',
    ]);
  });

  it('reports duplicate codes', () => {
    const m = valid();
    m.stars.push({ code: 'ZB', name: '重复' });
    m.items.push({ ...(m.items[0] as (typeof m.items)[number]) });
    expect(validateModel(m)).toEqual(['星编码“ZB”重复', '指标编码“RC-ZB-01”重复']);
  });

  it('requires the prerequisite to be a star and the star line in (0, 100]', () => {
    expect(validateModel({ ...valid(), prerequisite: 'QQ' })).toEqual(['前置星“QQ”不是本方案的星']);
    expect(validateModel({ ...valid(), prerequisite: null })).toEqual([]);
    expect(validateModel({ ...valid(), starLine: 0 })).toEqual(['评星线 0 无效，应大于 0 且不超过 100']);
    expect(validateModel({ ...valid(), starLine: 100.5 })).toEqual([
      '评星线 100.5 无效，应大于 0 且不超过 100',
    ]);
    expect(validateModel({ ...valid(), starLine: 100 })).toEqual([]);
  });

  it('checks the deduction module, the deduction and negative budgets', () => {
    expect(validateModel({ ...valid(), deductionModule: 'ZZ' })).toEqual(['扣分板块“ZZ”不存在']);
    expect(validateModel({ ...valid(), problemDeduction: -1 })).toEqual([
      '问题扣分 -1 无效，应为不小于 0 的数',
    ]);
    const m = valid();
    m.modules = [
      { code: 'RC', name: 'a', budget: 110, kind: 'plan' },
      { code: 'DD', name: 'b', budget: -10, kind: 'plan' },
    ];
    m.items = m.items.filter((i) => i.module !== 'ND');
    expect(validateModel(m)).toEqual([
      '板块“DD”的分值 -10 无效，应为不小于 0 的数',
      '各板块分值之和应为 100，当前为 110',
    ]);
  });
});
