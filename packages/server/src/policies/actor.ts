import type { Role } from '../contracts/common';

/** Who is acting: a logged-in user with its role and its part of the organisation tree. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  scopeUnitId: string | null;
  /** Materialised path of the scope unit (`/root/street/`), null when the user has no scope unit. */
  scopePath: string | null;
  /** Paths of the units assigned to an inspector. */
  assignedPaths: string[];
  sessionId: string;
}

/** The public: no login. */
export type MaybeActor = Actor | null;
