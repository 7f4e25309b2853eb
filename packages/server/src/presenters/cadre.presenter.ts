import { round2 } from '@wuxing/core';
import type { CadreListView, CadreResultsView, CadreView } from '../contracts/cadres';
import type { Cadre, CadreList } from '../services/cadre.service';
import type { CadreResults } from '../services/cadreResults.service';

export function presentCadre(c: Cadre): CadreView {
  return {
    id: c.row.id,
    name: c.row.name,
    kind: c.kind,
    position: c.row.position,
    phone: c.row.phone,
    street: { code: c.row.street_code, name: c.row.street_name },
    units: c.units.map((u) => ({ code: u.code, name: u.name })),
    active: Number(c.row.active) === 1,
    updatedAt: c.row.updated_at,
  };
}

export function presentCadreList(list: CadreList): CadreListView {
  return {
    rows: list.rows.map(presentCadre),
    streets: list.streets.map((s) => ({
      code: s.street.code,
      name: s.street.name,
      units: s.units.map((u) => ({ code: u.code, name: u.name })),
    })),
  };
}

const score = (v: number | null) => (v === null ? null : round2(v));

/** 干部考核: scores rounded for display (2 decimals, half up); ranks and counts as they are. */
export function presentCadreResults(r: CadreResults): CadreResultsView {
  return {
    campaign: { code: r.campaign.code, name: r.campaign.name, year: Number(r.campaign.year) },
    period: { key: r.period.key, kind: r.period.kind, start: r.period.start, end: r.period.end },
    rankedUnits: r.rankedUnits,
    rows: r.rows.map((row) => ({
      rank: row.rank,
      cadre: presentCadre(row.cadre),
      units: row.units.map((u) => ({ ...u, score: score(u.score) })),
      assessed: row.figures.assessed,
      meanScore: score(row.figures.meanScore),
      bestRank: row.figures.bestRank,
      worstRank: row.figures.worstRank,
      starsTotal: row.figures.starsTotal,
      redWarnings: row.figures.redWarnings,
    })),
  };
}
