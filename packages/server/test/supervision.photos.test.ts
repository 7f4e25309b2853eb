import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { type Client, describeEachDialect } from './harness';
import { fullBody, roundId, sheet } from './supervisionHelpers';

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type: string }) {
  const boundary = `----photo${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(c: Client, key: string, unitCode: string, content: Buffer, name = 'photo.jpg', extra = {}) {
  const { payload, headers } = multipart(
    { idempotencyKey: key, unitCode, ...extra },
    { name, content, type: 'image/jpeg' },
  );
  return c.request({ method: 'POST', url: '/api/photos', payload, headers });
}

const jpeg = (color: string, width = 3000, height = 2000) =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .withExif({ IFD0: { Copyright: '测试相机', Make: 'WuxingCam' } })
    .toBuffer();

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describeEachDialect('supervision: photos', (env) => {
  it('refuses an upload field holding a NUL character, naming it, and keeps nothing', async () => {
    const inspector = await env().login('inspector');
    const res = await upload(inspector, 'photo-key-nul1', 'LX-LX', await jpeg('#a73', 40, 30), 'n.jpg', {
      caption: '门前\u0000屋后',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe('caption');
    // Nothing was kept under the key: the same key with clean fields stores a new photo.
    const clean = await upload(inspector, 'photo-key-nul1', 'LX-LX', await jpeg('#a73', 40, 30), 'n.jpg');
    expect(clean.statusCode, clean.body).toBe(200);
    expect(clean.json().replayed).toBe(false);
  });

  it('stores a JPEG without EXIF, scaled, with a thumbnail; replays the same key; refuses other bytes on it', async () => {
    const inspector = await env().login('inspector');
    const original = await jpeg('#3a7');
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(inspector, 'photo-key-0001', 'LX-LX', original, 'a.jpg', {
      takenAt: '2023-12-20T10:00:00+08:00',
      latitude: '33.7',
      longitude: '113.2',
    });
    expect(res.statusCode, res.body).toBe(200);
    const photo = res.json();
    expect(photo).toMatchObject({
      key: 'photo-key-0001',
      mime: 'image/jpeg',
      width: 2048,
      height: 1365,
      replayed: false,
      takenAt: '2023-12-20T02:00:00.000Z',
      location: { latitude: 33.7, longitude: 113.2 },
      url: `/api/photos/${photo.id}`,
      thumbUrl: `/api/photos/${photo.id}/thumb`,
    });
    const full = await inspector.get(photo.url);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(2048);
    const thumb = await inspector.get(photo.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    const stored = filesUnder(join(env().dataDir, 'photos')).filter(
      (f) => !f.includes(`${join('photos', 'tmp')}`),
    );
    expect(stored.some((f) => f.endsWith(`${photo.id}.jpg`))).toBe(true);
    expect(stored.some((f) => f.endsWith(`${photo.id}.thumb.jpg`))).toBe(true);

    const again = await upload(inspector, 'photo-key-0001', 'LX-LX', original);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: photo.id, replayed: true });
    const other = await upload(inspector, 'photo-key-0001', 'LX-LX', await jpeg('#a33', 400, 300));
    expect(other.statusCode).toBe(409);
    expect(other.json().error.field).toBe('idempotencyKey');

    // Readers: the unit's street admin yes, another street's village no.
    expect((await (await env().login('street')).get(photo.url)).statusCode).toBe(200);
    expect((await (await env().login('village')).get(photo.url)).statusCode).toBe(403);
    expect((await (await env().login('village')).get(photo.thumbUrl)).statusCode).toBe(403);
    expect((await env().anonymous().get(photo.url)).statusCode).toBe(401);
  });

  it('accepts PNG, refuses non-images and oversize files, leaving nothing on disk', async () => {
    const inspector = await env().login('inspector');
    const png = await sharp({ create: { width: 64, height: 48, channels: 4, background: '#00f8' } })
      .png()
      .toBuffer();
    const ok = await upload(inspector, 'photo-key-png1', 'LX-LX', png, 'p.png');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
    const before = filesUnder(join(env().dataDir, 'photos')).length;
    const text = await upload(
      inspector,
      'photo-key-txt1',
      'LX-LX',
      Buffer.from('这不是照片'.repeat(20)),
      'fake.jpg',
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatchObject({
      field: 'file',
      message: '只能上传 JPEG、PNG 或 WebP 格式的照片',
    });
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(10 * 1024 * 1024 + 10)]);
    const oversize = await upload(inspector, 'photo-key-big1', 'LX-LX', big);
    expect(oversize.statusCode).toBe(400);
    expect(oversize.json().error.message).toContain('10MB');
    const broken = await upload(
      inspector,
      'photo-key-brk1',
      'LX-LX',
      Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3]),
    );
    expect(broken.statusCode).toBe(400);
    expect(filesUnder(join(env().dataDir, 'photos'))).toHaveLength(before);
    const rows = await env()
      .database.db.selectFrom('photos')
      .select('idempotency_key')
      .where('idempotency_key', 'in', ['photo-key-txt1', 'photo-key-big1', 'photo-key-brk1'])
      .execute();
    expect(rows).toEqual([]);
  });

  it('lets only those who may act on the unit upload, and attaches photos to sheet lines by key', async () => {
    const inspector = await env().login('inspector');
    const village = await env().login('village');
    const small = await jpeg('#777', 200, 100);
    expect((await upload(inspector, 'photo-key-out1', 'RML-HZ', small)).statusCode).toBe(403);
    expect((await upload(village, 'photo-key-vil1', 'RML-HZ', small)).statusCode).toBe(200);
    expect((await upload(await env().login('judge'), 'photo-key-jdg1', 'LX-LX', small)).statusCode).toBe(403);
    expect((await upload(env().anonymous(), 'photo-key-ano1', 'LX-LX', small)).statusCode).toBe(401);

    const admin = await env().login('admin');
    const gm = await roundId(admin, 'GM-2023-12');
    const s = await sheet(inspector, gm, 'LX-LZ');
    const lx = await upload(inspector, 'photo-key-lz01', 'LX-LZ', small);
    expect(lx.statusCode).toBe(200);
    const body = fullBody(s, 'LX-LZ', 'photo-sheet-1', 0.6);
    const unknown = await inspector.post('/api/inspections', {
      ...body,
      lines: body.lines.map((l, i) => (i === 0 ? { ...l, photoKeys: ['photo-key-none'] } : l)),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      field: 'photoKeys',
      message: '照片尚未上传：photo-key-none',
    });
    const foreign = await inspector.post('/api/inspections', {
      ...body,
      lines: body.lines.map((l, i) => (i === 0 ? { ...l, photoKeys: ['photo-key-vil1'] } : l)),
    });
    expect(foreign.json().error.field).toBe('photoKeys');
    const sent = await inspector.post('/api/inspections', {
      ...body,
      lines: body.lines.map((l, i) =>
        i === 0 ? { ...l, photoKeys: ['photo-key-lz01', 'photo-key-lz01'], note: '见照片' } : l,
      ),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const line = sent.json().inspection.lines[0];
    expect(line.note).toBe('见照片');
    expect(line.photos.map((p: { key: string }) => p.key)).toEqual(['photo-key-lz01']);
    const mine = await sheet(inspector, gm, 'LX-LZ');
    expect(mine.mine?.version).toBe(1);
  });
});
