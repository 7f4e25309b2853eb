import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A document written under a temporary name, waiting for its database row before it takes its real name. */
export interface StagedDocument {
  /** Final path relative to DATA_DIR (what the database stores). */
  file: string;
  tmpFile: string;
}

/**
 * Evidence documents under `${dataDir}/documents/YYYY/MM/<id>`: written to a temporary name first, renamed
 * once the row is in, removed again if anything fails — so a failed upload leaves nothing behind.
 */
export class DocumentStore {
  constructor(private readonly dataDir: string) {}

  private abs(relative: string): string {
    return join(this.dataDir, relative);
  }

  /** Writes the bytes to a temporary file; the final name comes from the id and the month. */
  async stage(id: string, at: string, bytes: Buffer): Promise<StagedDocument> {
    const tmpDir = join('documents', 'tmp');
    const staged: StagedDocument = {
      file: join('documents', at.slice(0, 4), at.slice(5, 7), id),
      tmpFile: join(tmpDir, `${id}.${randomBytes(6).toString('hex')}.part`),
    };
    await mkdir(this.abs(tmpDir), { recursive: true });
    try {
      await writeFile(this.abs(staged.tmpFile), bytes);
    } catch (err) {
      await this.discard(staged);
      throw err;
    }
    return staged;
  }

  /** Moves a staged document to its final name. */
  async commit(staged: StagedDocument): Promise<void> {
    await mkdir(dirname(this.abs(staged.file)), { recursive: true });
    await rename(this.abs(staged.tmpFile), this.abs(staged.file));
  }

  /** Removes what is left of a staged document: the temporary file, and the final one if its row never made it. */
  async discard(staged: StagedDocument, committed = false): Promise<void> {
    await rm(this.abs(staged.tmpFile), { force: true });
    if (committed) await rm(this.abs(staged.file), { force: true });
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
