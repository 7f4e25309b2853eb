import type { Executor } from './executor';

/** All SQL about supervision rounds and their assignments. */
export class RoundRepository {
  constructor(private readonly x: Executor) {}
}
