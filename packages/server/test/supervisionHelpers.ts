import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { expect } from 'vitest';
import { createUser } from '../src/services/user.service';
import type { Client, TestEnv } from './harness';

/** A sheet as the API returns it, reduced to what tests use. */
export interface SheetJson {
  round: { id: string; number: string; status: string };
  stars: {
    star: string;
    itemCode: string | null;
    itemMax: number | null;
    lines: { id: string; max: number }[];
  }[];
  mine: { id: string; version: number } | null;
  submittedCount: number;
}

export interface RoundJson {
  round: {
    id: string;
    number: string;
    done: number;
    total: number;
    mine: { done: number; total: number } | null;
  };
  coverage: { streetCode: string; done: number; total: number }[];
  units: {
    unitCode: string;
    streetCode: string | null;
    inspectors: { username: string; version: number; totals: Record<string, number> | null }[];
    submitted: number;
  }[];
}

export const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

/** The id of a demo round by number, as the district admin lists them. */
export async function roundId(admin: Client, number: string): Promise<string> {
  const res = await admin.get('/api/rounds?campaign=WX2023');
  expect(res.statusCode).toBe(200);
  const found = (res.json().rounds as { id: string; number: string }[]).find((r) => r.number === number);
  if (!found) throw new Error(`no round ${number}`);
  return found.id;
}

export async function sheet(c: Client, id: string, unitCode: string): Promise<SheetJson> {
  const res = await c.get(`/api/rounds/${id}/units/${unitCode}/sheet`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A full submission of a sheet: every line scored `fraction` of its max (rounded). */
export function fullBody(
  s: SheetJson,
  unitCode: string,
  key: string,
  fraction: number | ((lineIndex: number) => number),
  extra: Record<string, unknown> = {},
) {
  let n = 0;
  return {
    idempotencyKey: `sheet-key-${key}`,
    roundId: s.round.id,
    unitCode,
    baseVersion: s.mine?.version ?? 0,
    visitedAt: '2023-12-20T02:00:00.000Z',
    lines: s.stars.flatMap((st) =>
      st.lines.map((l) => {
        const f = typeof fraction === 'number' ? fraction : fraction(n);
        n += 1;
        return { lineId: l.id, points: Math.round(l.max * f) };
      }),
    ),
    ...extra,
  };
}

/** Creates an inspector login with a standing assignment. */
export async function makeInspector(env: TestEnv, username: string, assigned: string[]): Promise<Client> {
  await createUser(
    env.system(),
    {
      username,
      displayName: `督导员${username}`,
      role: 'inspector',
      assignedUnitCodes: assigned,
      password: `${username}-password`,
    },
    { mustChangePassword: false },
  );
  return env.login(username, `${username}-password`);
}

/** Uploads a real JPEG (made with sharp) through POST /api/photos as `client`; returns its key. */
export async function uploadJpeg(client: Client, unitCode: string, photoKey: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  const boundary = `----problem${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const payload = Buffer.concat([
    field('idempotencyKey', photoKey),
    field('unitCode', unitCode),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request({
    method: 'POST',
    url: '/api/photos',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return photoKey;
}
