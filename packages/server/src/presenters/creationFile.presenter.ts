import type { CreationEntryView, CreationFileView, CreationFileWriteView } from '../contracts/creationFile';
import type { CreationEntry, CreationFile, CreationFileWrite } from '../services/creationFile.service';
import { presentPhoto } from './supervision.presenter';

function presentEntry(e: CreationEntry): CreationEntryView {
  return {
    id: e.row.id,
    kind: e.kind,
    text: e.row.text,
    percent: e.row.percent === null ? null : Number(e.row.percent),
    photos: e.photos.map(presentPhoto),
    enteredByName: e.row.entered_by_name,
    enteredAt: e.row.entered_at,
  };
}

/** A unit's 创建档案: per target star its measures (oldest first) and progress reports (newest first). */
export function presentCreationFile(f: CreationFile): CreationFileView {
  return {
    campaign: { code: f.campaign.code, name: f.campaign.name, year: Number(f.campaign.year) },
    unit: { code: f.unit.code, name: f.unit.name, streetName: f.streetName },
    stars: f.stars.map((s) => {
      const progress = s.entries
        .filter((e) => e.kind === 'progress')
        .map(presentEntry)
        .reverse();
      return {
        star: s.star,
        starName: s.starName,
        measures: s.entries.filter((e) => e.kind === 'measure').map(presentEntry),
        progress,
        percent: progress[0]?.percent ?? null,
      };
    }),
    can: { add: f.canAdd },
  };
}

export function presentCreationFileWrite(w: CreationFileWrite): CreationFileWriteView {
  return { file: presentCreationFile(w.file), replayed: w.replayed };
}
