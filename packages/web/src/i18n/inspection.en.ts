import type { inspectionZh } from './inspection.zh';

/** English messages of the on-site scoring screens (spread into en); same keys as the Chinese ones. */
export const inspectionEn: Record<keyof typeof inspectionZh, string> = {};
