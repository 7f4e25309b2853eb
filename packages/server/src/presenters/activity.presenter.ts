import type { ActivityListView, ActivityView } from '../contracts/activities';
import type { Activity, ActivityList } from '../services/activity.service';

export function presentActivity(a: Activity): ActivityView {
  return {
    id: a.row.id,
    title: a.row.title,
    topic: a.row.topic,
    heldOn: a.row.held_on,
    place: a.row.place,
    unit: { code: a.row.unit_code, name: a.row.unit_name, type: a.row.unit_type },
    street: a.street,
    partners: a.row.partners,
    summary: a.row.summary,
    counts: a.counts,
    recordedBy: a.row.recorded_by_name,
    updatedAt: a.row.updated_at,
    editable: a.editable,
  };
}

export function presentActivityList(list: ActivityList): ActivityListView {
  return {
    period: { key: list.period.key, kind: list.period.kind, start: list.period.start, end: list.period.end },
    rows: list.rows.map(presentActivity),
    totals: list.totals,
    byStreet: list.byStreet,
    byMonth: list.byMonth,
    byTopic: list.byTopic,
    units: list.units.map((u) => ({
      code: u.row.code,
      name: u.row.name,
      type: u.row.type,
      street: u.street?.code ?? null,
    })),
    streets: list.groups,
  };
}
