import type { ExportTable } from '../workbook/writeWorkbook';
import { chinaDateTime } from './problemExport';
import type { TaskDetail } from './taskRead.service';

/** A task's per-unit table as a download (Excel or CSV), with Chinese headers and labels. */

const STATE_LABEL: Record<string, string> = {
  pending: '待提交',
  overdue: '已逾期',
  submitted: '待评分',
  returned: '已退回',
  scored: '已评分',
};

const OUTCOME_LABEL: Record<string, string> = {
  full: '满分',
  partial: '部分得分',
  zero: '不得分',
  returned: '退回补充',
};

export const TASK_UNIT_HEADERS = [
  '单位编码',
  '单位',
  '街道',
  '状态',
  '提交时间',
  '逾期提交',
  '评分结果',
  '计入得分',
  '理由',
  '评分人',
  '评分时间',
];

/** The units of a task (as the viewer may see them), one row each, under a title naming the task. */
export function taskUnitTable(d: TaskDetail): ExportTable {
  const t = d.summary.row;
  return {
    sheet: '任务完成情况',
    title: `${t.number} ${t.title}（${d.summary.starName}，${t.month}，分值 ${Number(t.points)}，截止 ${t.deadline}）`,
    headers: TASK_UNIT_HEADERS,
    decimals: [7],
    rows: d.units.map((u) => {
      const { unit, submission, review, state, late, effective } = u.facts;
      return [
        unit.code,
        unit.name,
        u.street?.name ?? null,
        STATE_LABEL[state] ?? state,
        chinaDateTime(submission?.submitted_at ?? null),
        submission ? (late ? '是' : '否') : null,
        review ? (OUTCOME_LABEL[review.outcome] ?? review.outcome) : null,
        effective,
        review?.reason ?? null,
        review?.reviewer_name ?? null,
        chinaDateTime(review?.reviewed_at ?? null),
      ];
    }),
  };
}
