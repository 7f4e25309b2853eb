import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything Wuxing reads from the environment, resolved once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL schema to use instead of `public` (WUXING_PG_SCHEMA; tests give each run its own). */
  pgSchema: string | null;
  redisUrl: string | null;
  sessionSecret: string;
  /** Idle timeout of a session in seconds. */
  sessionIdleSeconds: number;
  /** Absolute lifetime of a session in seconds. */
  sessionAbsoluteSeconds: number;
  /** How often an open live stream (big screen, contest console) checks its access again, in seconds. */
  streamRecheckSeconds: number;
  cookieSecure: boolean;
  /** Whom to believe for the client address (X-Forwarded-For): false, true, or addresses/CIDRs of the proxies. */
  trustProxy: boolean | string;
  /** log2 of the scrypt cost N; 17 in production (ASVS), lowered only by tests. */
  scryptLogN: number;
  logLevel: string;
  webDist: string | null;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`环境变量 ${name} 必须是正整数，当前为 "${raw}"`);
  return value;
}

/** Reads the session secret from the environment, or from (creating it in) the data directory. */
function resolveSessionSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function pgSchemaFrom(raw: string | undefined): string | null {
  if (!raw) return null;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw))
    throw new Error(`环境变量 WUXING_PG_SCHEMA 不是合法的模式名："${raw}"`);
  return raw;
}

/** Builds the configuration from environment variables (PORT, DATA_DIR, DATABASE_URL, REDIS_URL, SESSION_SECRET…). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  const webDist = resolve(import.meta.dirname, '../../web/dist');
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    pgSchema: pgSchemaFrom(env.WUXING_PG_SCHEMA),
    redisUrl: env.REDIS_URL || null,
    sessionSecret: resolveSessionSecret(env, dataDir),
    sessionIdleSeconds: intFromEnv(env, 'SESSION_IDLE_SECONDS', 2 * 3600),
    sessionAbsoluteSeconds: intFromEnv(env, 'SESSION_ABSOLUTE_SECONDS', 12 * 3600),
    streamRecheckSeconds: intFromEnv(env, 'STREAM_RECHECK_SECONDS', 20),
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY ? env.TRUST_PROXY : false,
    scryptLogN: intFromEnv(env, 'WUXING_SCRYPT_LOG_N', 17),
    logLevel: env.LOG_LEVEL || 'info',
    webDist: existsSync(webDist) ? webDist : null,
  };
}
