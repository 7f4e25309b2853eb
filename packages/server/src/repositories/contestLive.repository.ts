import type { Executor } from './executor';

/** A contest as its live streams need it. */
export interface LiveContestRow {
  id: string;
  code: string;
}

/** The lookups of the live contest streams: a contest by code or by screen token, and jury membership. */
export class ContestLiveRepository {
  constructor(private readonly x: Executor) {}

  /** The contest with this code. */
  async findByCode(code: string): Promise<LiveContestRow | undefined> {
    return this.x.db
      .selectFrom('contests')
      .select(['id', 'code'])
      .where('code', '=', code)
      .executeTakeFirst();
  }

  /** The contest whose big-screen token this is. */
  async findByScreenToken(token: string): Promise<LiveContestRow | undefined> {
    return this.x.db
      .selectFrom('contests')
      .select(['id', 'code'])
      .where('screen_token', '=', token)
      .executeTakeFirst();
  }

  /** True when the user sits on the contest's jury. */
  async isOnJury(contestId: string, userId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('contest_judges')
      .select('user_id')
      .where('contest_id', '=', contestId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
