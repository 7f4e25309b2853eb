import type { Executor } from './executor';

/** All SQL about scoring-sheet templates (评分表) and their lines. */
export class SheetTemplateRepository {
  constructor(private readonly x: Executor) {}
}
