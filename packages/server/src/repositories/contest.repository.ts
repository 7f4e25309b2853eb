import type { Executor } from './executor';

/** All SQL about 擂台赛 contests: contests, participants, jury, judge links, scores, honours, cadre votes. */
export class ContestRepository {
  constructor(private readonly x: Executor) {}

  /** The engine this repository talks to. */
  get dialect(): Executor['dialect'] {
    return this.x.dialect;
  }
}
