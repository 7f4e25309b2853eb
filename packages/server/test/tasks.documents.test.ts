import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createCampaign } from '../src/services/campaign.service';
import { MAX_DOCUMENT_BYTES } from '../src/services/document.service';
import { type Client, describeEachDialect } from './harness';
import { uploadJpeg } from './supervisionHelpers';
import { errorOf, issue, key, submit, submitRaw } from './tasksHelpers';

/**
 * Evidence documents: checked by content (PDF, Office ZIP or OLE with a matching name), at most 20 MB, stored
 * under DATA_DIR/documents/YYYY/MM/, downloaded with the UTF-8 name by whoever may read the unit's tasks, and
 * attached (with photos) to a task submission.
 */

const CAMPAIGN = 'TD2026';

/** A multipart upload: the fields first, then the file with a raw UTF-8 name (as browsers send it). */
function upload(client: Client, fields: Record<string, string>, name: string, content: Buffer) {
  const boundary = `----doc${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      'utf8',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return client.request({
    method: 'POST',
    url: '/api/documents',
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const pdf = (text = 'evidence') => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const ole = () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504, 1)]);

async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['日期', '内容']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDialect('daily tasks: evidence documents', (env) => {
  let admin: Client;
  let village: Client;
  let street: Client;

  beforeAll(async () => {
    await createCampaign(env().system(), {
      code: CAMPAIGN,
      name: '文件测试方案',
      year: 2026,
      template: 'five-star',
    });
    admin = await env().login('admin');
    village = await env().login('village');
    street = await env().login('street');
  });

  it('stores a PDF of the unit and serves it with its UTF-8 name to whoever may read the unit', async () => {
    const bytes = pdf('村务公开');
    const res = await upload(
      village,
      { idempotencyKey: key('doc'), unitCode: 'RML-HZ' },
      '三月村务公开记录.pdf',
      bytes,
    );
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json().document;
    expect(doc).toMatchObject({ name: '三月村务公开记录.pdf', mime: 'application/pdf', bytes: bytes.length });
    expect(doc.url).toBe(`/api/documents/${doc.id}`);
    const month = new Date().toISOString().slice(0, 7).replace('-', '/');
    expect(readFileSync(join(env().dataDir, 'documents', month, doc.id))).toEqual(bytes);

    const got = await village.get(doc.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload).toEqual(bytes);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, no-store');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="________.pdf"; filename*=UTF-8''${encodeURIComponent('三月村务公开记录.pdf')}`,
    );
    expect((await admin.get(doc.url)).statusCode).toBe(200);
    // 龙兴街道's admin does not read 人民路街道's village; judges read no tasks; the public nothing.
    expect((await street.get(doc.url)).statusCode).toBe(403);
    expect((await (await env().login('judge')).get(doc.url)).statusCode).toBe(403);
    expect((await env().anonymous().get(doc.url)).statusCode).toBe(401);
    expect((await village.get('/api/documents/no-such-document')).statusCode).toBe(404);
  });

  it('accepts Office files by content and a matching name; refuses anything else, empty or over 20 MB', async () => {
    const fields = () => ({ idempotencyKey: key('doc'), unitCode: 'RML-HZ' });
    const xlsx = await xlsxBytes();
    const ok: [string, Buffer, string][] = [
      ['台账.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['总结.docx', xlsx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['记录.doc', ole(), 'application/msword'],
      ['报表.xls', ole(), 'application/vnd.ms-excel'],
      // A PDF is a PDF whatever it is called: the name gets the right ending.
      ['扫描件', pdf(), 'application/pdf'],
    ];
    for (const [name, content, mime] of ok) {
      const res = await upload(village, fields(), name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
      expect(res.json().document.mime).toBe(mime);
    }
    const last = await upload(village, fields(), '扫描件', pdf());
    expect(last.json().document.name).toBe('扫描件.pdf');

    const refused: [string, Buffer][] = [
      ['压缩包.zip', xlsx],
      ['伪装.pdf', xlsx],
      ['表格.xlsx', ole()],
      ['程序.docx', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
      ['说明.pdf', Buffer.from('not a pdf at all')],
      ['照片.docx', Buffer.from('ffd8ffe000104a464946', 'hex')],
      ['空.pdf', Buffer.alloc(0)],
      ['过大.pdf', Buffer.concat([pdf(), Buffer.alloc(MAX_DOCUMENT_BYTES)])],
    ];
    const tmp = join(env().dataDir, 'documents', 'tmp');
    for (const [name, content] of refused) {
      const res = await upload(village, fields(), name, content);
      expect(res.statusCode, name).toBe(400);
      expect(errorOf(res).field).toBe('file');
    }
    // Nothing refused is left behind.
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });

  it('is idempotent on the key, and only for the unit’s own users', async () => {
    const fields = { idempotencyKey: key('doc'), unitCode: 'RML-HZ' };
    const first = await upload(village, fields, '材料.pdf', pdf('a'));
    const again = await upload(village, fields, '材料.pdf', pdf('a'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, document: { id: first.json().document.id } });
    const other = await upload(village, fields, '材料.pdf', pdf('b'));
    expect(other.statusCode).toBe(409);
    expect(
      (await upload(village, { idempotencyKey: key('doc'), unitCode: 'LX-LX' }, 'a.pdf', pdf())).statusCode,
    ).toBe(403);
    expect(
      (await upload(street, { idempotencyKey: key('doc'), unitCode: 'LX-LX' }, 'a.pdf', pdf())).statusCode,
    ).toBe(403);
    const missing = await upload(village, { unitCode: 'RML-HZ' }, 'a.pdf', pdf());
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).field).toBe('idempotencyKey');
  });

  it('a submission carries the unit’s photos and documents; others’ are refused', async () => {
    const task = await issue(admin, CAMPAIGN, { title: '三月主题党日', month: '2026-03', points: 5 });
    const docKey = key('doc');
    await upload(village, { idempotencyKey: docKey, unitCode: 'RML-HZ' }, '活动方案.pdf', pdf('plan'));
    const photoKey = await uploadJpeg(village, 'RML-HZ', key('photo'));
    const foreign = key('doc');
    await upload(admin, { idempotencyKey: foreign, unitCode: 'LX-LX' }, '他村材料.pdf', pdf('other'));
    const wrongDoc = await submitRaw(village, CAMPAIGN, task.id, 'RML-HZ', { documentKeys: [foreign] });
    expect(wrongDoc.statusCode).toBe(400);
    expect(errorOf(wrongDoc).field).toBe('documentKeys');
    const unknown = await submitRaw(village, CAMPAIGN, task.id, 'RML-HZ', {
      photoKeys: ['never-uploaded-key'],
    });
    expect(errorOf(unknown).field).toBe('photoKeys');
    const tooMany = await submitRaw(village, CAMPAIGN, task.id, 'RML-HZ', {
      documentKeys: Array.from({ length: 6 }, (_, i) => `doc-key-${i}`),
    });
    expect(tooMany.statusCode).toBe(400);
    const detail = await submit(village, CAMPAIGN, task.id, 'RML-HZ', {
      text: '3月20日开展主题党日，见方案与照片。',
      photoKeys: [photoKey],
      documentKeys: [docKey],
    });
    const sub = detail.submissions[0];
    expect(sub?.documents.map((d) => d.name)).toEqual(['活动方案.pdf']);
    expect(sub?.photos.map((p) => p.key)).toEqual([photoKey]);
    expect((await street.get(`/api/campaigns/${CAMPAIGN}/tasks/${task.id}/units/RML-HZ`)).statusCode).toBe(
      403,
    );
  });
});
