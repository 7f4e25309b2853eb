import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect';
import type { DB } from '../db/schema';
import { AuditRepository } from './audit.repository';
import { BonusRepository } from './bonus.repository';
import { CampaignRepository } from './campaign.repository';
import { ContestGroupRepository } from './contestGroup.repository';
import { ScoreRepository } from './score.repository';
import { SessionRepository } from './session.repository';
import { SettingsRepository } from './settings.repository';
import { TargetRepository } from './target.repository';
import { UnitRepository } from './unit.repository';
import { UserRepository } from './user.repository';

/** Every repository, bound to one query builder (usually the request's transaction). */
export interface Repos {
  units: UnitRepository;
  contestGroups: ContestGroupRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  campaigns: CampaignRepository;
  targets: TargetRepository;
  scores: ScoreRepository;
  bonuses: BonusRepository;
}

/** Binds all repositories to a query builder. */
export function createRepos(db: Kysely<DB>, dialect: DialectName): Repos {
  const x = { db, dialect };
  return {
    units: new UnitRepository(x),
    contestGroups: new ContestGroupRepository(x),
    users: new UserRepository(x),
    sessions: new SessionRepository(x),
    audit: new AuditRepository(x),
    settings: new SettingsRepository(x),
    campaigns: new CampaignRepository(x),
    targets: new TargetRepository(x),
    scores: new ScoreRepository(x),
    bonuses: new BonusRepository(x),
  };
}
