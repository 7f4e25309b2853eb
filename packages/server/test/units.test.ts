import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { countRows, describeEachDialect, multipartFiles } from './harness';

async function xlsx(rows: (string | number)[][], sheet = '单位'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDialect('organisation tree', (env) => {
  it('shows the demo district: 4 streets, 龙兴街道 with 7 villages, 59 contest units in 4 groups', async () => {
    const admin = await env().login('admin');
    const units = (await admin.get('/api/units')).json().units as {
      code: string;
      type: string;
      parentCode: string;
    }[];
    expect(units.filter((u) => u.type === 'street').map((u) => u.code)).toEqual(['RML', 'LX', 'GZ', 'LH']);
    expect(units.filter((u) => u.parentCode === 'LX')).toHaveLength(7);
    expect(units.find((u) => u.code === 'RML-HZ')).toMatchObject({ parentCode: 'RML' });
    expect(units.find((u) => u.code === 'LH-HW')).toMatchObject({ parentCode: 'LH' });
    const groups = (await admin.get('/api/contest-groups')).json().groups as {
      name: string;
      unitCount: number;
    }[];
    expect(groups.map((g) => [g.name, g.unitCount])).toEqual([
      ['党群机关', 16],
      ['政府部门', 29],
      ['街道', 4],
      ['垂直部门/窗口单位', 10],
    ]);
  });

  it('creates, renames and moves a unit, keeping its history and auditing each change', async () => {
    const admin = await env().login('admin');
    const created = await admin.post('/api/units', {
      code: 'LX-NEW',
      name: '新建村',
      type: 'village',
      parentCode: 'LX',
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    expect((await admin.patch(`/api/units/${id}`, { name: '新建村（更名）' })).json().name).toBe(
      '新建村（更名）',
    );
    const moved = await admin.post(`/api/units/${id}/move`, { parentCode: 'GZ' });
    expect(moved.json()).toMatchObject({ parentCode: 'GZ' });
    const detail = (await admin.get(`/api/units/${id}`)).json();
    expect(detail.path.map((p: { code: string }) => p.code)).toEqual(['SL', 'GZ', 'LX-NEW']);
    expect(detail.history.map((h: { change: string }) => h.change)).toEqual(['moved', 'renamed', 'created']);
    expect(detail.history[0]).toMatchObject({
      from: '龙兴街道（LX）',
      to: '高庄街道（GZ）',
      actorName: '区委组织部 王敏',
    });
    expect(detail.history[1]).toMatchObject({ from: '新建村', to: '新建村（更名）' });
    const audit = (await admin.get('/api/audit?entity=unit&limit=3')).json().entries as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['unit.move', 'unit.update', 'unit.create']);
  });

  it('moves a whole subtree, so the street admin of the new street sees the moved village and its households', async () => {
    const admin = await env().login('admin');
    const v = (
      await admin.post('/api/units', { code: 'MV-V', name: '迁移村', type: 'village', parentCode: 'LX' })
    ).json();
    await admin.post('/api/units', { code: 'MV-H1', name: '张三户', type: 'household', parentCode: 'MV-V' });
    await admin.post(`/api/units/${v.id}/move`, { parentCode: 'RML' });
    const street = await env().login('street');
    const lx = (await street.get('/api/units')).json().units.map((u: { code: string }) => u.code);
    expect(lx).not.toContain('MV-V');
    expect(lx).not.toContain('MV-H1');
    const village = await env().login('village');
    expect((await village.get('/api/units')).json().units.map((u: { code: string }) => u.code)).toEqual([
      'RML-HZ',
    ]);
  });

  it('searches by name or code, with _ and % taken literally', async () => {
    const admin = await env().login('admin');
    await admin.post('/api/units', { code: 'Q_1', name: '下划线村', type: 'village', parentCode: 'LX' });
    await admin.post('/api/units', { code: 'QX1', name: '相似村', type: 'village', parentCode: 'LX' });
    const codes = async (q: string) =>
      (await admin.get(`/api/units?q=${encodeURIComponent(q)}`))
        .json()
        .units.map((u: { code: string }) => u.code);
    expect(await codes('q_1')).toEqual(['Q_1']);
    expect(await codes('%')).toEqual([]);
    expect(await codes('龙兴')).toEqual(['LX', 'LX-LX']);
  });

  it('refuses bad input with a Chinese message naming the field, and changes nothing', async () => {
    const admin = await env().login('admin');
    const before = {
      units: await countRows(env().database, 'units'),
      audit: await countRows(env().database, 'audit_log'),
    };
    const dup = await admin.post('/api/units', {
      code: 'LX',
      name: '重复',
      type: 'street',
      parentCode: 'SL',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ field: 'code', message: '编码 LX 已存在' });
    const unknown = await admin.post('/api/units', {
      code: 'X1',
      name: '无上级村',
      type: 'village',
      parentCode: 'NOPE',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ field: 'parentCode', message: '上级编码 NOPE 不存在' });
    const huge = await admin.post('/api/units', {
      code: 'X2',
      name: '名'.repeat((2 * 1024 * 1024) / 3),
      type: 'village',
      parentCode: 'LX',
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error).toMatchObject({ field: 'name', message: '名称不能超过100个字符' });
    const wrongParent = await admin.post('/api/units', {
      code: 'X3',
      name: '错层村',
      type: 'village',
      parentCode: 'SL',
    });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error.message).toBe('村的上级必须是街道，而 SL 是区');
    const lx = (await admin.get('/api/units?q=龙兴街道')).json().units[0];
    const cycle = await admin.post(`/api/units/${lx.id}/move`, { parentCode: 'LX-LX' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.field).toBe('parentCode');
    const badType = await admin.post('/api/units', {
      code: 'X4',
      name: '某',
      type: 'planet',
      parentCode: 'LX',
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.field).toBe('type');
    expect(await countRows(env().database, 'units')).toBe(before.units);
    expect(await countRows(env().database, 'audit_log')).toBe(before.audit);
  });

  it('imports the 单位 sheet of a workbook: creates and updates, parents before children', async () => {
    const admin = await env().login('admin');
    const file = await xlsx([
      ['编码', '名称', '类型', '上级编码', '权重'],
      ['IMP-V1', '导入一村', '村', 'IMP-S', 2],
      ['IMP-S', '导入街道', '街道', 'SL', ''],
      ['RML-BD', '北顶村（新名）', '村', 'RML', ''],
    ]);
    const res = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: '单位.xlsx', content: file }]),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 1, unchanged: 0 });
    const units = (await admin.get('/api/units?q=导入')).json().units as {
      code: string;
      parentCode: string;
      weight: number;
    }[];
    expect(units.find((u) => u.code === 'IMP-V1')).toMatchObject({ parentCode: 'IMP-S', weight: 2 });
    const again = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: 'units.xlsx', content: file }]),
    });
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('imports CSV and JSON with English headers too', async () => {
    const admin = await env().login('admin');
    const csv = 'code,name,type,parent,weight\r\nCSV-V,"逗号,村",village,LX,1\r\n';
    const r1 = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: 'units.csv', content: csv }]),
    });
    expect(r1.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const json = JSON.stringify({ 单位: [{ 编码: 'JSON-V', 名称: 'JSON村', 类型: '村', 上级编码: 'GZ' }] });
    const r2 = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: 'w.json', content: json }]),
    });
    expect(r2.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await admin.get('/api/units?q=逗号')).json().units[0].name).toBe('逗号,村');
  });

  // XML cannot carry NUL, so an .xlsx never brings one; CSV and JSON can.
  it('refuses a workbook cell holding a NUL character, naming sheet, row and column, and changes nothing', async () => {
    const admin = await env().login('admin');
    const before = await countRows(env().database, 'units');
    for (const [name, content] of [
      ['units.csv', 'code,name,type,parent\r\nNUL-V,空\u0000字符村,village,LX\r\n'],
      [
        'w.json',
        JSON.stringify({ 单位: [{ 编码: 'NUL-V', 名称: '空\u0000字符村', 类型: '村', 上级编码: 'LX' }] }),
      ],
    ] as const) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/units/import',
        ...multipartFiles([{ name, content }]),
      });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.field).toBe('file');
      expect(res.json().error.message).toMatch(/第2行“(name|名称)”列含有空字符/);
    }
    expect(await countRows(env().database, 'units')).toBe(before);
  });

  it('refuses a bad workbook whole, naming sheet, row and column of every error', async () => {
    const admin = await env().login('admin');
    const before = {
      units: await countRows(env().database, 'units'),
      audit: await countRows(env().database, 'audit_log'),
    };
    const file = await xlsx([
      ['编码', '名称', '类型', '上级编码', '权重'],
      ['OK-1', '好村', '村', 'LX', 1],
      ['BAD-1', '坏村', '村', 'NOPE', 1],
      ['OK-1', '重复村', '村', 'LX', 1],
      ['BAD 2', '', '星球', 'LX', -3],
      ['BAD-3', '名'.repeat(700_000), '村', 'LX', 1],
      ['BAD-4', '怪村', 'constructor', 'LX', 1],
    ]);
    const res = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: '单位.xlsx', content: file }]),
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.message).toContain('未做任何修改');
    const details = err.details as { sheet: string; row: number; column: string; message: string }[];
    const at = (row: number, column: string) =>
      details.find((d) => d.row === row && d.column === column)?.message;
    expect(at(4, '编码')).toBe('编码 OK-1 与第 2 行重复');
    expect(at(5, '编码')).toBe('编码只能包含字母、数字、下划线、点和连字符');
    expect(at(5, '名称')).toBe('名称不能为空');
    expect(at(5, '类型')).toContain('类型“星球”无效');
    expect(at(5, '权重')).toContain('权重“-3”无效');
    expect(at(6, '名称')).toBe('名称不能超过100个字符（当前 700000 个）');
    // A word that names an Object.prototype member is no type either.
    expect(at(7, '类型')).toContain('类型“constructor”无效');
    expect(at(3, '上级编码')).toBe('上级编码 NOPE 不存在');
    expect(details.every((d) => d.sheet === '单位')).toBe(true);
    expect(await countRows(env().database, 'units')).toBe(before.units);
    expect(await countRows(env().database, 'audit_log')).toBe(before.audit);
  });

  it('refuses a malformed workbook file with a clear error', async () => {
    const admin = await env().login('admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: '单位.xlsx', content: Buffer.from('this is not a zip file') }]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      field: 'file',
      message: '无法读取Excel文件：文件已损坏或不是 .xlsx 格式',
    });
    const noSheet = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: 'x.xlsx', content: await xlsx([['a'], ['b']], 'Sheet1') }]),
    });
    expect(noSheet.statusCode).toBe(400);
    expect(noSheet.json().error.message).toBe('工作簿中没有“单位”工作表');
    const exe = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: 'a.exe', content: 'MZ' }]),
    });
    expect(exe.json().error.message).toContain('不支持的文件类型');
  });

  it('exports the tree as the 单位 sheet that imports back unchanged', async () => {
    const admin = await env().login('admin');
    const res = await admin.get('/api/units/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%8D%95%E4%BD%8D.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('单位');
    expect(ws?.getRow(1).values).toEqual([undefined, '编码', '名称', '类型', '上级编码', '权重']);
    expect(ws?.getRow(2).values).toEqual([undefined, 'SL', '石龙区', '区', undefined, 1]);
    const back = await admin.request({
      method: 'POST',
      url: '/api/units/import',
      ...multipartFiles([{ name: '单位.xlsx', content: res.rawPayload }]),
    });
    expect(back.json().created).toBe(0);
    expect(back.json().updated).toBe(0);
    const csv = await admin.get('/api/units/export?format=csv');
    expect(csv.body.split('\r\n')[0]).toBe('\ufeff编码,名称,类型,上级编码,权重');
  });
});
