import type { Executor } from './executor';

/** All SQL about 五美庭院: household profiles, campaigns, applications, evaluations, levels, awards. */
export class CourtyardRepository {
  constructor(private readonly x: Executor) {}

  /** The engine this repository talks to. */
  get dialect(): Executor['dialect'] {
    return this.x.dialect;
  }
}
