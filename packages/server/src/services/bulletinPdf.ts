import { type PdfBlock, renderPdf } from '../lib/pdf/document';
import type { BulletinDetail } from './bulletin.service';
import { chineseDate } from './bulletinText';

/**
 * The bulletin as a PDF (our own writer, lib/pdf): title, 文号, each section's heading and paragraphs with the
 * tables printed after the section they belong to, and the issuer and date at the end.
 */

const cell = (v: string | number | null) => (v === null ? '—' : String(v));

/** The bulletin's blocks in print order. */
export function bulletinBlocks(d: BulletinDetail): PdfBlock[] {
  const blocks: PdfBlock[] = [{ kind: 'title', text: d.row.title }];
  if (d.row.doc_number) blocks.push({ kind: 'center', text: d.row.doc_number });
  const placed = new Set<string>();
  const tablesAfter = (i: number | null) => {
    for (const t of d.tables) {
      if (placed.has(t.key) || (i !== null && t.section !== i)) continue;
      placed.add(t.key);
      blocks.push({
        kind: 'table',
        title: t.title,
        headers: t.headers,
        rows: t.rows.map((r) => r.map(cell)),
      });
    }
  };
  d.sections.forEach((s, i) => {
    if (s.heading) blocks.push({ kind: 'heading', text: s.heading });
    for (const p of s.text.split(/\n\s*\n/)) {
      const text = p.trim();
      if (text) blocks.push({ kind: 'paragraph', text });
    }
    tablesAfter(i);
  });
  tablesAfter(null);
  blocks.push({ kind: 'signature', lines: [d.issuer, chineseDate(d.dateLine)] });
  return blocks;
}

/** Renders a bulletin as PDF bytes. */
export function bulletinPdf(d: BulletinDetail): Buffer {
  return renderPdf(bulletinBlocks(d), { title: d.row.title, author: d.issuer });
}
