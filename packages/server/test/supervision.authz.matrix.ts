import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import type { Actor } from '../src/policies/actor';
import type { ServiceContext } from '../src/services/context';
import { getSheet, submitSheet } from '../src/services/inspection.service';
import { createRound } from '../src/services/round.service';
import { createTemplate } from '../src/services/sheetTemplate.service';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of templates, rounds, sheets and photos (spread into MATRIX). They point at
 * the demo campaign WX2023, its open scored round GM-2023-12 (the demo inspector assigned to 龙兴街道) and
 * special rounds of 龙兴街道 (in for the street login) and 人民路街道 (out) made on first use.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const participants = (n: number): Expect => ({ ...all(n), anonymous: 401, judge: 403 });
const adminOnly = (ok: number): Expect => ({ ...all(403), anonymous: 401, district_admin: ok });
/** Round lists and views: district admin, street admins and inspectors, each within their part. */
const roundScoped: Expect = {
  ...adminOnly(200),
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
};
/** Running a special round: its street's admin (and the district admin). */
const runningSpecial: Expect = { ...adminOnly(200), street_admin: { in: 200, out: 403 } };
/** Reading a unit's problem ledger, photos and sheets. */
const unitRead: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};
/** Uploading evidence about a unit: who may raise a problem there, or rectify it. */
const uploading: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};

const DEMO = 'WX2023';
const templates = `/api/campaigns/:code/sheet-templates`;

function system(f: MatrixFixture): ServiceContext {
  return { ...f.env.system(), actor: SYSTEM_ACTOR };
}

/** A context acting as a demo login (its sheets need a real user). */
async function as(f: MatrixFixture, username: string): Promise<ServiceContext> {
  const ctx = f.env.system();
  const user = await ctx.repos.users.findByUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Actor['role'],
    scopeUnitId: user.scope_unit_id,
    scopePath: user.scope_unit_path,
    assignedPaths: (await ctx.repos.users.assignments(user.id)).map((a) => a.path),
    sessionId: 'matrix',
  };
  return { ...ctx, actor };
}

const cache = new Map<string, string>();
async function once(f: MatrixFixture, key: string, make: () => Promise<string>): Promise<string> {
  const k = `${f.env.dialect}:${key}`;
  const hit = cache.get(k);
  if (hit) return hit;
  const made = await make();
  cache.set(k, made);
  return made;
}

async function demoRound(f: MatrixFixture): Promise<string> {
  return once(f, 'gm', async () => {
    const rounds = await system(f).repos.rounds.list();
    const gm = rounds.find((r) => r.number === 'GM-2023-12');
    if (!gm) throw new Error('GM-2023-12 missing');
    return gm.id;
  });
}

/** A special round of the street (LX for in, RML for out); `fresh` makes a new one every time. */
async function specialRound(f: MatrixFixture, scope: Scope, fresh = false): Promise<string> {
  const make = async () =>
    (
      await createRound(system(f), {
        campaign: DEMO,
        name: '矩阵专项督查',
        kind: 'special',
        mode: 'regular',
        month: '2023-12',
        templateCode: 'DD-SHEET',
        scored: false,
        startsOn: '2023-12-01',
        endsOn: '2023-12-31',
        streetCode: scope === 'in' ? 'LX' : 'RML',
        assignments: [],
      })
    ).summary.round.id;
  return fresh ? make() : once(f, `special-${scope}`, make);
}

/** Where a round-scoped request points: GM-2023-12 in scope, another street's special round out of it. */
async function scopedRound(f: MatrixFixture, scope: Scope): Promise<string> {
  return scope === 'in' ? demoRound(f) : specialRound(f, 'out');
}

/** A sheet body for the unit in GM-2023-12 on top of the user's latest version. */
async function sheetBody(
  f: MatrixFixture,
  actor: MatrixActor,
  unitCode: string,
): Promise<Record<string, unknown>> {
  const id = await demoRound(f);
  const sheet = await getSheet(system(f), id, unitCode);
  const username = actor === 'district_admin' ? 'admin' : actor === 'inspector' ? 'inspector' : null;
  const ctx = system(f);
  const unit = await ctx.repos.units.findByCode(unitCode);
  const latest =
    username && unit ? await ctx.repos.inspections.latest(id, unit.id, await f.userId(username)) : undefined;
  return {
    idempotencyKey: `matrix-sheet-${f.env.dialect}-${f.next()}`,
    roundId: id,
    unitCode,
    baseVersion: latest?.version ?? 0,
    reason: '矩阵测试',
    visitedAt: '2023-12-20T02:00:00.000Z',
    lines: sheet.stars.flatMap((s) => s.lines.map((l) => ({ lineId: l.id, points: 10 }))),
  };
}

/** A sheet of the admin on the unit in GM-2023-12, made once. */
async function inspectionOn(f: MatrixFixture, unitCode: string): Promise<string> {
  return once(f, `inspection-${unitCode}`, async () => {
    const body = await sheetBody(f, 'district_admin', unitCode);
    const ctx = await as(f, 'admin');
    return (
      await submitSheet(ctx, {
        ...(body as Parameters<typeof submitSheet>[1]),
        idempotencyKey: `matrix-inspection-${f.env.dialect}-${unitCode}`,
      })
    ).inspection.row.id;
  });
}

let tinyJpeg: Buffer | null = null;
async function photoUpload(f: MatrixFixture, unitCode: string): Promise<InjectOptions> {
  tinyJpeg ??= await sharp({ create: { width: 16, height: 16, channels: 3, background: '#6a6' } })
    .jpeg()
    .toBuffer();
  const boundary = 'matrixphotoboundary';
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return {
    method: 'POST',
    url: '/api/photos',
    payload: Buffer.concat([
      Buffer.from(
        field('idempotencyKey', `matrix-photo-${f.env.dialect}-${f.next()}`) + field('unitCode', unitCode),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      tinyJpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A photo of the unit uploaded by the district admin, made once. */
async function photoOf(f: MatrixFixture, unitCode: string): Promise<string> {
  return once(f, `photo-${unitCode}`, async () => {
    const admin = await f.env.login('admin');
    const res = await admin.request(await photoUpload(f, unitCode));
    if (res.statusCode !== 200) throw new Error(`photo upload failed: ${res.body}`);
    return (res.json() as { id: string }).id;
  });
}

const line = (star: string, code: string) => ({ star, code, name: `矩阵${code}`, max: 10 });

/** One row per route of the templates, rounds, sheets and photos; spread into MATRIX. */
export const SUPERVISION_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: templates,
    request: () => ({ method: 'GET', url: `/api/campaigns/${DEMO}/sheet-templates` }),
    expect: participants(200),
  },
  {
    method: 'POST',
    url: templates,
    request: (f) => ({
      method: 'POST',
      url: `/api/campaigns/${DEMO}/sheet-templates`,
      payload: { code: `MXT-${f.next()}`, name: '矩阵评分表', module: 'DD', lines: [line('ZB', 'A1')] },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: `${templates}/default`,
    // Only the district admin gets past authorisation; it needs a campaign without DD-SHEET each time.
    request: async (f, actor) => {
      let code = DEMO;
      if (actor === 'district_admin') {
        code = `MXD${f.next()}`;
        const admin = await f.env.login('admin');
        await admin.post('/api/campaigns', { code, name: '矩阵默认评分表', year: 2025 });
      }
      return { method: 'POST', url: `/api/campaigns/${code}/sheet-templates/default` };
    },
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: `${templates}/:templateCode`,
    request: () => ({ method: 'GET', url: `/api/campaigns/${DEMO}/sheet-templates/DD-SHEET` }),
    expect: participants(200),
  },
  {
    method: 'PUT',
    url: `${templates}/:templateCode`,
    request: async (f) => {
      await once(f, 'template', async () => {
        const made = await createTemplate(system(f), DEMO, {
          code: 'MX-EDIT',
          name: '矩阵可改评分表',
          module: 'DD',
          rule: 'mean',
          lines: [line('ZB', 'A1')],
        });
        return made.template.id;
      });
      return {
        method: 'PUT',
        url: `/api/campaigns/${DEMO}/sheet-templates/MX-EDIT`,
        payload: {
          code: 'MX-EDIT',
          name: `矩阵可改评分表${f.next()}`,
          module: 'DD',
          rule: 'trimmed',
          lines: [line('ZB', 'A1'), line('CY', 'A2')],
        },
      };
    },
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/rounds',
    request: () => ({ method: 'GET', url: `/api/rounds?campaign=${DEMO}` }),
    expect: { ...adminOnly(200), street_admin: 200, inspector: 200 },
  },
  {
    method: 'POST',
    url: '/api/rounds',
    request: (_f, _actor, scope) => ({
      method: 'POST',
      url: '/api/rounds',
      payload: {
        campaign: DEMO,
        name: '矩阵专项督查',
        kind: 'special',
        month: '2023-12',
        templateCode: 'DD-SHEET',
        startsOn: '2023-12-01',
        endsOn: '2023-12-31',
        streetCode: scope === 'in' ? 'LX' : 'RML',
      },
    }),
    expect: runningSpecial,
  },
  {
    method: 'GET',
    url: '/api/rounds/:id',
    request: async (f, _actor, scope) => ({
      method: 'GET',
      url: `/api/rounds/${await scopedRound(f, scope)}`,
    }),
    expect: roundScoped,
  },
  {
    method: 'PUT',
    url: '/api/rounds/:id/assignments',
    request: async (f, _actor, scope) => ({
      method: 'PUT',
      url: `/api/rounds/${await specialRound(f, scope)}/assignments`,
      payload: { assignments: [{ unitCode: scope === 'in' ? 'LX-LX' : 'RML-HZ', username: 'inspector' }] },
    }),
    expect: runningSpecial,
  },
  {
    method: 'POST',
    url: '/api/rounds/:id/close',
    request: async (f, _actor, scope) => ({
      method: 'POST',
      url: `/api/rounds/${await specialRound(f, scope, true)}/close`,
    }),
    expect: runningSpecial,
  },
  {
    method: 'GET',
    url: '/api/rounds/:id/units/:unitCode/sheet',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/rounds/${await demoRound(f)}/units/${f.unitFor(actor, scope)}/sheet`,
    }),
    expect: roundScoped,
  },
  {
    method: 'GET',
    url: '/api/rounds/:id/units/:unitCode/inspections',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/rounds/${await demoRound(f)}/units/${f.unitFor(actor, scope)}/inspections`,
    }),
    expect: roundScoped,
  },
  {
    method: 'POST',
    url: '/api/inspections',
    request: async (f, actor, scope) => ({
      method: 'POST',
      url: '/api/inspections',
      payload: await sheetBody(f, actor, f.unitFor(actor, scope)),
    }),
    // Only those a round assigns to the unit (the demo inspector on 龙兴街道), and district admins.
    expect: { ...adminOnly(200), inspector: { in: 200, out: 403 } },
  },
  {
    method: 'GET',
    url: '/api/inspections/:id',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/inspections/${await inspectionOn(f, f.unitFor(actor, scope))}`,
    }),
    expect: unitRead,
  },
  {
    method: 'POST',
    url: '/api/photos',
    request: (f, actor, scope) => photoUpload(f, f.unitFor(actor, scope)),
    expect: uploading,
  },
  {
    method: 'GET',
    url: '/api/photos/:id',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/photos/${await photoOf(f, f.unitFor(actor, scope))}`,
    }),
    expect: unitRead,
  },
  {
    method: 'GET',
    url: '/api/photos/:id/thumb',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/photos/${await photoOf(f, f.unitFor(actor, scope))}/thumb`,
    }),
    expect: unitRead,
  },
];
