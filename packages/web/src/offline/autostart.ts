import { idbAll } from './db';
import { startSync } from './engine';

/** At app start: when work is waiting on this device, start the sync engine (it sends once logged in). */
export async function autostart(): Promise<void> {
  const waiting = await idbAll('queue').catch(() => []);
  if (waiting.length > 0) startSync();
}
