import { beforeAll, expect, it } from 'vitest';
import {
  changedTables,
  collectRealValues,
  type OpenApiDocument,
  operationOf,
  pathParams,
  percentEncode,
  queryParams,
  type RealValues,
  type RegisteredRoute,
  realParamValues,
  snapshotDatabase,
} from './fuzzHelpers';
import { type Client, describeEachDialect } from './harness';

/**
 * No GET changes state (ASVS: no state change on a safe method): every GET route the app registers (so routes
 * added later are covered), called by the district admin with real path parameters, bare and with every
 * declared query parameter (each value of an enumerated one), answers below 500 and leaves every row of every
 * table as it was. The session hook's own bookkeeping (sessions.last_seen_at) is the one column not compared.
 */

/** A plausible value for a declared query parameter, by name, when no real value or enumeration gives one. */
const QUERY_DEFAULTS: Record<string, string> = {
  page: '1',
  pageSize: '5',
  limit: '5',
  beforeSeq: '1000000',
  version: '1',
  from: '1',
  to: '2',
  lastEventId: '0',
  topK: '3',
  minStars: '1',
  q: '何',
  entity: 'unit',
  year: '2023',
};

function queryVariants(route: RegisteredRoute, doc: OpenApiDocument, real: RealValues): string[] {
  const params = queryParams(operationOf(doc, route));
  if (params.length === 0) return [''];
  const value = (name: string, enumValue?: string): string =>
    enumValue ?? real.fields.get(name)?.[0] ?? QUERY_DEFAULTS[name] ?? 'x';
  const full = (override: Record<string, string> = {}) =>
    `?${params
      .map(
        (p) => `${p.name}=${percentEncode(override[p.name] ?? value(p.name, p.schema.enum?.map(String)[0]))}`,
      )
      .join('&')}`;
  const out = ['', full()];
  for (const p of params)
    for (const e of (p.schema.enum ?? []).map(String).slice(1)) out.push(full({ [p.name]: e }));
  return out;
}

describeEachDialect('no GET route changes the database', (env) => {
  let admin: Client;
  let doc: OpenApiDocument;
  let real: RealValues;

  beforeAll(async () => {
    admin = await env().login('admin');
    doc = (await admin.get('/api/docs/json')).json() as OpenApiDocument;
    real = await collectRealValues(env().database);
  });

  it('answers every GET below 500 and leaves every row of every table as it was', async () => {
    const routes = env()
      .routes.filter((r) => r.method === 'GET')
      .sort((a, b) => a.url.localeCompare(b.url));
    expect(routes.length).toBeGreaterThan(60);
    let current = await snapshotDatabase(env().database);
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const segments: Record<string, string> = {};
      for (const p of pathParams(route.url))
        segments[p] = percentEncode((await realParamValues(env().database, real, route.url, p))[0] ?? 'none');
      const path = route.url
        .split('/')
        .map((s) => (s.startsWith(':') ? (segments[s.slice(1)] ?? s) : s === '*' ? (segments['*'] ?? s) : s))
        .join('/');
      for (const query of queryVariants(route, doc, real)) {
        const url = `${path}${query}`;
        // As a stream, so a live feed (SSE) answers at its headers; it is then closed.
        const res = await env().app.inject({
          method: 'GET',
          url,
          headers: { cookie: admin.cookie ?? '' },
          payloadAsStream: true,
        });
        const stream = res.stream();
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) res.raw.res.destroy();
        else for await (const _chunk of stream);
        requests++;
        const before = current;
        current = await snapshotDatabase(env().database);
        if (res.statusCode >= 500) failures.push(`GET ${url}: ${res.statusCode}`);
        const changed = changedTables(before, current);
        if (changed.length > 0)
          failures.push(`GET ${url} (${res.statusCode}) changed ${changed.map((c) => c.table).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(routes.length);
    expect(
      changedTables(current, await snapshotDatabase(env().database, undefined, { fresh: true })),
    ).toEqual([]);
  }, 300_000);
});
