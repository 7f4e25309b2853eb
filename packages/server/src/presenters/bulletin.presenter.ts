import type { BulletinListView, BulletinSummaryView, BulletinView } from '../contracts/bulletin';
import type { BulletinListRow } from '../repositories/bulletin.repository';
import type { BulletinDetail } from '../services/bulletin.service';

/** Views of 月度通报: the list's summaries and one bulletin with its text, tables and figures. */

/** A bulletin as the list shows it. */
export function presentBulletinSummary(r: BulletinListRow): BulletinSummaryView {
  return {
    id: r.id,
    campaignCode: r.campaign_code,
    campaignName: r.campaign_name,
    month: r.month,
    title: r.title,
    docNumber: r.doc_number,
    status: r.status === 'issued' ? 'issued' : 'draft',
    version: r.version,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    issuedAt: r.issued_at,
  };
}

/** The list of bulletins one may read. */
export function presentBulletinList(rows: BulletinListRow[]): BulletinListView {
  return { bulletins: rows.map(presentBulletinSummary) };
}

/** One bulletin with everything printed on it. */
export function presentBulletin(d: BulletinDetail): BulletinView {
  return {
    ...presentBulletinSummary(d.row),
    districtName: d.districtName,
    issuer: d.issuer,
    dateLine: d.dateLine,
    sections: d.sections,
    tables: d.tables,
    figures: d.figures,
    generatedAt: d.row.generated_at,
    issuedByName: d.row.issued_by_name,
    demo: Number(d.row.demo) === 1,
  };
}
