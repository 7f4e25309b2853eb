export * from './audit';
export * from './auth';
export * from './campaigns';
export * from './common';
export * from './ratings';
export * from './supervision';
export * from './units';
export * from './users';
