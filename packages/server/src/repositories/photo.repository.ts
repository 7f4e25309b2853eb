import type { Executor } from './executor';

/** All SQL about photo metadata (the files live under DATA_DIR). */
export class PhotoRepository {
  constructor(private readonly x: Executor) {}
}
