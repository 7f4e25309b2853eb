/** Chinese messages of the on-site scoring screens (spread into zh). */
export const inspectionZh = {} as const satisfies Record<string, string>;
