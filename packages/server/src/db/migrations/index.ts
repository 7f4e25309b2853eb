import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';
import * as m0001 from './20261127_0001_foundation';
import * as m0002 from './20261127_0002_campaigns';
import * as m0003 from './20261127_0003_login_attempts_at';
import * as m0004 from './20261127_0004_supervision';
import * as m0005 from './20261127_0005_flags_vetoes_ratings';
import * as m0006 from './20261127_0006_tasks';
import * as m0007 from './20261127_0007_publications';
import * as m0008 from './20261127_0008_warnings';
import * as m0009 from './20261127_0009_notifications';
import * as m0010 from './20261127_0010_contest_events';
import * as m0011 from './20261127_0011_contests';
import * as m0012 from './20261127_0012_courtyards';
import * as m0013 from './20261127_0013_bulletins';
import * as m0014 from './20261127_0014_visit_methods';
import * as m0015 from './20261127_0015_accountability_kinds';
import * as m0016 from './20261127_0016_creation_files';
import * as m0017 from './20261127_0017_cadres';
import * as m0018 from './20261128_0018_activities';

/** A migration is frozen once it has landed; add a new file instead of editing one. */
export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** Every migration in the order it runs. */
export const migrations: Migration[] = [
  { name: '20261127_0001_foundation', up: m0001.up },
  { name: '20261127_0002_campaigns', up: m0002.up },
  { name: '20261127_0003_login_attempts_at', up: m0003.up },
  { name: '20261127_0004_supervision', up: m0004.up },
  { name: '20261127_0005_flags_vetoes_ratings', up: m0005.up },
  { name: '20261127_0006_tasks', up: m0006.up },
  { name: '20261127_0007_publications', up: m0007.up },
  { name: '20261127_0008_warnings', up: m0008.up },
  { name: '20261127_0009_notifications', up: m0009.up },
  { name: '20261127_0010_contest_events', up: m0010.up },
  { name: '20261127_0011_contests', up: m0011.up },
  { name: '20261127_0012_courtyards', up: m0012.up },
  { name: '20261127_0013_bulletins', up: m0013.up },
  { name: '20261127_0014_visit_methods', up: m0014.up },
  { name: '20261127_0015_accountability_kinds', up: m0015.up },
  { name: '20261127_0016_creation_files', up: m0016.up },
  { name: '20261127_0017_cadres', up: m0017.up },
  { name: '20261128_0018_activities', up: m0018.up },
];
