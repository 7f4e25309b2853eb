import type { Expect, MatrixRow } from './authz.matrix';

/**
 * The authorisation matrix rows of the inbox (every logged-in user, each their own) and 结果运用 (district
 * admins only), spread into MATRIX. 结果运用 reads the demo campaign.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const loggedIn = (n: number): Expect => ({ ...all(n), anonymous: 401 });
const adminOnly: Expect = { ...all(403), anonymous: 401, district_admin: 200 };
const results = '/api/campaigns/WX2023/results';

export const INBOX_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/inbox',
    request: () => ({ method: 'GET', url: '/api/inbox' }),
    expect: loggedIn(200),
  },
  {
    method: 'POST',
    url: '/api/inbox/read',
    // A key in nobody's inbox: accepted and skipped.
    request: () => ({ method: 'POST', url: '/api/inbox/read', payload: { keys: ['task:matrix:none:due'] } }),
    expect: loggedIn(200),
  },
  {
    method: 'POST',
    url: '/api/inbox/read-all',
    request: () => ({ method: 'POST', url: '/api/inbox/read-all', payload: {} }),
    expect: loggedIn(200),
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/results/candidates',
    request: () => ({ method: 'GET', url: `${results}/candidates?minStars=3` }),
    expect: adminOnly,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/results/candidates/export',
    request: () => ({ method: 'GET', url: `${results}/candidates/export?minStars=3&format=csv` }),
    expect: adminOnly,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/results/streets',
    request: () => ({ method: 'GET', url: `${results}/streets` }),
    expect: adminOnly,
  },
  {
    method: 'GET',
    url: '/api/campaigns/:code/results/streets/export',
    request: () => ({ method: 'GET', url: `${results}/streets/export?format=csv` }),
    expect: adminOnly,
  },
];
