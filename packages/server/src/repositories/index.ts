import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect';
import type { DB } from '../db/schema';
import { ActivityRepository } from './activity.repository';
import { AuditRepository } from './audit.repository';
import { BonusRepository } from './bonus.repository';
import { BulletinRepository } from './bulletin.repository';
import { CadreRepository } from './cadre.repository';
import { CampaignRepository } from './campaign.repository';
import { ContestRepository } from './contest.repository';
import { ContestEventRepository } from './contestEvent.repository';
import { ContestGroupRepository } from './contestGroup.repository';
import { ContestLiveRepository } from './contestLive.repository';
import { CourtyardRepository } from './courtyard.repository';
import { CreationFileRepository } from './creationFile.repository';
import { DashboardRepository } from './dashboard.repository';
import { DocumentRepository } from './document.repository';
import { FlagAwardRepository } from './flagAward.repository';
import { InspectionRepository } from './inspection.repository';
import { NotificationRepository } from './notification.repository';
import { PhotoRepository } from './photo.repository';
import { ProblemRepository } from './problem.repository';
import { PublicationRepository } from './publication.repository';
import { RatingConfirmationRepository } from './ratingConfirmation.repository';
import { RoundRepository } from './round.repository';
import { ScoreRepository } from './score.repository';
import { SessionRepository } from './session.repository';
import { SettingsRepository } from './settings.repository';
import { SheetTemplateRepository } from './sheetTemplate.repository';
import { TargetRepository } from './target.repository';
import { TaskRepository } from './task.repository';
import { UnitRepository } from './unit.repository';
import { UserRepository } from './user.repository';
import { VetoRepository } from './veto.repository';
import { WarningRepository } from './warning.repository';

/** Every repository, bound to one query builder (usually the request's transaction). */
export interface Repos {
  units: UnitRepository;
  contestGroups: ContestGroupRepository;
  contests: ContestRepository;
  contestEvents: ContestEventRepository;
  contestLive: ContestLiveRepository;
  courtyards: CourtyardRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  campaigns: CampaignRepository;
  targets: TargetRepository;
  scores: ScoreRepository;
  bonuses: BonusRepository;
  sheetTemplates: SheetTemplateRepository;
  rounds: RoundRepository;
  inspections: InspectionRepository;
  photos: PhotoRepository;
  problems: ProblemRepository;
  flagAwards: FlagAwardRepository;
  vetoes: VetoRepository;
  ratingConfirmations: RatingConfirmationRepository;
  tasks: TaskRepository;
  documents: DocumentRepository;
  publications: PublicationRepository;
  notifications: NotificationRepository;
  warnings: WarningRepository;
  bulletins: BulletinRepository;
  dashboard: DashboardRepository;
  creationFiles: CreationFileRepository;
  cadres: CadreRepository;
  activities: ActivityRepository;
}

/** Binds all repositories to a query builder. */
export function createRepos(db: Kysely<DB>, dialect: DialectName): Repos {
  const x = { db, dialect };
  return {
    units: new UnitRepository(x),
    contestGroups: new ContestGroupRepository(x),
    contests: new ContestRepository(x),
    contestEvents: new ContestEventRepository(x),
    contestLive: new ContestLiveRepository(x),
    courtyards: new CourtyardRepository(x),
    users: new UserRepository(x),
    sessions: new SessionRepository(x),
    audit: new AuditRepository(x),
    settings: new SettingsRepository(x),
    campaigns: new CampaignRepository(x),
    targets: new TargetRepository(x),
    scores: new ScoreRepository(x),
    bonuses: new BonusRepository(x),
    sheetTemplates: new SheetTemplateRepository(x),
    rounds: new RoundRepository(x),
    inspections: new InspectionRepository(x),
    photos: new PhotoRepository(x),
    problems: new ProblemRepository(x),
    flagAwards: new FlagAwardRepository(x),
    vetoes: new VetoRepository(x),
    ratingConfirmations: new RatingConfirmationRepository(x),
    tasks: new TaskRepository(x),
    documents: new DocumentRepository(x),
    publications: new PublicationRepository(x),
    notifications: new NotificationRepository(x),
    warnings: new WarningRepository(x),
    bulletins: new BulletinRepository(x),
    dashboard: new DashboardRepository(x),
    creationFiles: new CreationFileRepository(x),
    cadres: new CadreRepository(x),
    activities: new ActivityRepository(x),
  };
}
