import { randomBytes } from 'node:crypto';
import { newId } from '../src/lib/ids';
import type { TestEnv } from './harness';

/**
 * A contest made directly in the tables, for the live-stream tests and matrix rows: the streams need only the
 * contest, its screen token and its jury (usernames). Status `running`, no participants.
 */
export async function insertLiveContest(
  env: TestEnv,
  judges: string[],
): Promise<{ id: string; code: string; token: string }> {
  const id = newId();
  const code = `LT-T-${randomBytes(3).toString('hex')}`;
  const token = randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  await env.database.db
    .insertInto('contests')
    .values({
      id,
      code,
      name: '实时测试擂台赛',
      year: 2026,
      period: '2026Q4',
      kind: 'custom',
      date: '2026-11-27',
      status: 'running',
      jury_points: 70,
      honour_points: 15,
      cadre_points: 15,
      trim_from: 5,
      speech_seconds: 300,
      honour_table: '{}',
      screen_token: token,
      lot_seed: null,
      lots_drawn_at: null,
      lots_drawn_by_name: null,
      current_unit_id: null,
      timer_status: 'idle',
      timer_started_at: null,
      timer_remaining_ms: 300_000,
      started_at: null,
      finished_at: null,
      announced_at: null,
      results_json: null,
      created_by: null,
      created_by_name: '测试',
      created_at: now,
      updated_at: now,
      demo: 0,
    })
    .execute();
  for (const username of judges) {
    const user = await env.system().repos.users.findByUsername(username);
    if (!user) throw new Error(`no user ${username}`);
    await env.database.db
      .insertInto('contest_judges')
      .values({ contest_id: id, user_id: user.id, own_unit_id: null, added_at: now })
      .execute();
  }
  return { id, code, token };
}
