import type { Executor } from './executor';

/** All SQL about the key-value settings (district name, demo flag). */
export class SettingsRepository {
  constructor(private readonly x: Executor) {}

  async get(key: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    const existing = await this.get(key);
    if (existing === null) await this.x.db.insertInto('settings').values({ key, value }).execute();
    else await this.x.db.updateTable('settings').set({ value }).where('key', '=', key).execute();
  }
}
