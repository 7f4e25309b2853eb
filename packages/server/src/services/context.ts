import type { MaybeActor } from '../policies/actor';
import type { Repos } from '../repositories';

/** Settings a use case may need beyond the data: password cost and session lifetimes. */
export interface ServiceSettings {
  scryptLogN: number;
  sessionSecret: string;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
}

/** What every use case takes first: who acts, the repositories of this transaction, and the time. */
export interface ServiceContext {
  actor: MaybeActor;
  repos: Repos;
  now: string;
  settings: ServiceSettings;
}
