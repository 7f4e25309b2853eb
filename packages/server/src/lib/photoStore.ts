import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A photo written under temporary names, waiting for its database row before it takes its real names. */
export interface StagedPhoto {
  /** Final paths relative to DATA_DIR (what the database stores). */
  file: string;
  thumb: string;
  tmpFile: string;
  tmpThumb: string;
}

/**
 * Photo files under `${dataDir}/photos/YYYY/MM/`: written to temporary names first, renamed once the row is
 * in, removed again if anything fails — so a failed upload leaves nothing behind.
 */
export class PhotoStore {
  constructor(private readonly dataDir: string) {}

  private abs(relative: string): string {
    return join(this.dataDir, relative);
  }

  /** Writes the photo and its thumbnail to temporary files; the final names come from the id and the month. */
  async stage(id: string, at: string, full: Buffer, thumb: Buffer): Promise<StagedPhoto> {
    const month = `${at.slice(0, 4)}/${at.slice(5, 7)}`;
    const tmpDir = join('photos', 'tmp');
    const tag = randomBytes(6).toString('hex');
    const staged: StagedPhoto = {
      file: join('photos', month, `${id}.jpg`),
      thumb: join('photos', month, `${id}.thumb.jpg`),
      tmpFile: join(tmpDir, `${id}.${tag}.jpg.part`),
      tmpThumb: join(tmpDir, `${id}.${tag}.thumb.jpg.part`),
    };
    await mkdir(this.abs(tmpDir), { recursive: true });
    try {
      await writeFile(this.abs(staged.tmpFile), full);
      await writeFile(this.abs(staged.tmpThumb), thumb);
    } catch (err) {
      await this.discard(staged);
      throw err;
    }
    return staged;
  }

  /** Moves a staged photo to its final names. */
  async commit(staged: StagedPhoto): Promise<void> {
    await mkdir(dirname(this.abs(staged.file)), { recursive: true });
    await rename(this.abs(staged.tmpFile), this.abs(staged.file));
    await rename(this.abs(staged.tmpThumb), this.abs(staged.thumb));
  }

  /** Removes whatever is left of a staged photo under its temporary names. */
  async discard(staged: StagedPhoto): Promise<void> {
    await rm(this.abs(staged.tmpFile), { force: true });
    await rm(this.abs(staged.tmpThumb), { force: true });
  }

  /** Removes a committed photo whose row did not make it (the transaction rolled back). */
  async remove(staged: StagedPhoto): Promise<void> {
    await rm(this.abs(staged.file), { force: true });
    await rm(this.abs(staged.thumb), { force: true });
  }

  /** Reads a stored file, null when it is missing. */
  async read(relative: string): Promise<Buffer | null> {
    try {
      return await readFile(this.abs(relative));
    } catch {
      return null;
    }
  }
}
