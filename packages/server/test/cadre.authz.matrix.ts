import type { Expect, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of cadres (spread into MATRIX): district admins keep every street's cadres, street
 * admins their own street's (龙兴街道 LX inside, 人民路街道 RML outside); nobody else sees them.
 */

// Defined here, not imported from authz.matrix.ts: that module imports this one (a cycle).
const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const reading: Expect = { ...all(403), anonymous: 401, street_admin: 200, district_admin: 200 };
const keeping: Expect = {
  ...all(403),
  anonymous: 401,
  street_admin: { in: 200, out: 403 },
  district_admin: 200,
};

/** The street a request points at, with one of its villages. */
const streetOf = (scope: Scope) =>
  scope === 'in' ? { street: 'LX', unit: 'LX-LX' } : { street: 'RML', unit: 'RML-HZ' };

/** A demo cadre of the street inside or outside the street admin's. */
async function cadreOf(f: MatrixFixture, scope: Scope): Promise<string> {
  const repos = f.env.system().repos;
  const street = await repos.units.findByCode(streetOf(scope).street);
  const [cadre] = street ? await repos.cadres.list([street.id], false) : [];
  if (!cadre) throw new Error('no demo cadre');
  return cadre.id;
}

export const CADRE_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/cadres',
    request: () => ({ method: 'GET', url: '/api/cadres' }),
    expect: reading,
  },
  {
    method: 'POST',
    url: '/api/cadres',
    request: (f, _actor, scope) => ({
      method: 'POST',
      url: '/api/cadres',
      payload: {
        name: `矩阵干部${f.next()}`,
        kind: 'stationed',
        position: '驻村第一书记',
        streetCode: streetOf(scope).street,
        unitCodes: [streetOf(scope).unit],
      },
    }),
    expect: keeping,
  },
  {
    method: 'PUT',
    url: '/api/cadres/:id',
    request: async (f, _actor, scope) => ({
      method: 'PUT',
      url: `/api/cadres/${await cadreOf(f, scope)}`,
      payload: { position: `职务${f.next()}` },
    }),
    expect: keeping,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/results/cadres',
    request: () => ({ method: 'GET', url: '/api/campaigns/WX2023/results/cadres' }),
    expect: reading,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/results/cadres/export',
    request: () => ({ method: 'GET', url: '/api/campaigns/WX2023/results/cadres/export' }),
    expect: reading,
  },
];
