export { buildApp, VERSION } from './app';
export { type Config, loadConfig } from './config';
export { createDb, type Database } from './db/createDb';
export { migrateToLatest } from './db/migrator';
export { openDatabase, seedDemoIfEmpty, settingsFrom, startServer } from './server';
