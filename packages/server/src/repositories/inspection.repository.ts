import type { Executor } from './executor';

/** All SQL about inspectors' submitted sheets, their lines and photos. */
export class InspectionRepository {
  constructor(private readonly x: Executor) {}
}
