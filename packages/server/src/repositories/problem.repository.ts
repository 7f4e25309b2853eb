import type { Executor } from './executor';

/** All SQL about the problem ledger (问题台账), its events and photos. */
export class ProblemRepository {
  constructor(private readonly x: Executor) {}
}
