import type { CandidateListView, StreetSummaryView } from '../contracts/results';
import type { CandidateList, StreetSummary } from '../services/results.service';

/** A candidate list with its rules and every unit's verdict. */
export function presentCandidates(list: CandidateList): CandidateListView {
  return {
    campaignCode: list.campaign.code,
    year: Number(list.campaign.year),
    rules: list.rules,
    ratingVersion: list.ratingVersion,
    warningsAvailable: list.warningsAvailable,
    candidates: list.rows.filter((r) => r.eligible).length,
    rows: list.rows.map((r) => ({ ...r })),
  };
}

/** The per-street summary. */
export function presentStreetSummary(summary: StreetSummary): StreetSummaryView {
  return {
    campaignCode: summary.campaign.code,
    year: Number(summary.campaign.year),
    ratingVersion: summary.ratingVersion,
    maxStars: summary.maxStars,
    rows: summary.rows.map((r) => ({ ...r })),
  };
}
