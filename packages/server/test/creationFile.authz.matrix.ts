import type { Expect, MatrixActor, MatrixFixture, MatrixRow, Scope } from './authz.matrix';

/**
 * The authorisation matrix rows of 创建档案 (spread into MATRIX), on the demo campaign WX2023, where every unit
 * targets the required star ZB.
 */

const base = '/api/campaigns/WX2023/units';
/** Whoever's part of the tree covers the unit (inspectors: their assigned units); judges never. */
const reading: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: { in: 200, out: 403 },
  inspector: { in: 200, out: 403 },
  judge: 403,
  district_admin: 200,
};
/** The unit's own village users, and district admins. */
const keeping: Expect = {
  anonymous: 401,
  village_user: { in: 200, out: 403 },
  street_admin: 403,
  inspector: 403,
  judge: 403,
  district_admin: 200,
};

const url = (f: MatrixFixture, actor: MatrixActor, scope: Scope) =>
  `${base}/${f.unitFor(actor, scope)}/creation-file`;

export const CREATION_FILE_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/campaigns/:code/units/:unitCode/creation-file',
    request: (f, actor, scope) => ({ method: 'GET', url: url(f, actor, scope) }),
    expect: reading,
  },
  {
    method: 'POST',
    url: '/api/campaigns/:code/units/:unitCode/creation-file',
    request: (f, actor, scope) => ({
      method: 'POST',
      url: url(f, actor, scope),
      payload: {
        idempotencyKey: `mx-creation-${f.next()}`,
        star: 'ZB',
        kind: 'measure',
        text: '每月开展一次主题党日活动',
      },
    }),
    expect: keeping,
  },
];
