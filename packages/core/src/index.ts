export * from './model';
export * from './periods';
export * from './random';
export * from './ranking';
export * from './rating';
export * from './rounding';
export * from './scoring';
export * from './sheet';
