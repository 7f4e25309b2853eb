import type { ServiceContext } from '../services/context';

/** The demo's 五美庭院: about 1,000 households, with 287 district-level and 51 city-level ones. */
export async function seedDemoCourtyards(_sys: ServiceContext): Promise<void> {}
