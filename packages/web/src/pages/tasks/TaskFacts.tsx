import { Descriptions, Typography } from 'antd';
import type { TaskView } from '../../api/types';
import { formatDateTime, formatNumber } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useTasksI18n } from './i18n';
import { lateRulePlain, monthLabel } from './labels';

/**
 * What a task asks and how it counts: the requirements, then deadline, points, the late rule in plain words,
 * the reminder, where it scores, its audience and who issued it. `brief` leaves out the issuing facts (the
 * unit's own page).
 */
export function TaskFacts({ task, brief = false }: { task: TaskView; brief?: boolean }) {
  const { t, lang } = useTasksI18n();
  const isMobile = useIsMobile();
  const items = [
    {
      key: 'deadline',
      label: t('tasks.field.deadline'),
      children: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{task.deadline}</span>,
    },
    {
      key: 'points',
      label: t('tasks.field.points'),
      children: t('tasks.points', { points: formatNumber(task.points) }),
    },
    {
      key: 'late',
      label: t('tasks.field.lateRule'),
      children: lateRulePlain(t, task.lateRule, task.lateDeduct),
    },
    {
      key: 'scoresInto',
      label: t('tasks.field.scoresInto'),
      children: t('tasks.scoresInto', { star: task.starName, month: monthLabel(t, task.month) }),
    },
    ...(brief
      ? []
      : [
          {
            key: 'remind',
            label: t('tasks.field.remind'),
            children:
              task.remindDays > 0 ? t('tasks.remindDays', { days: task.remindDays }) : t('tasks.remindOnDay'),
          },
          {
            key: 'audience',
            label: t('tasks.field.audience'),
            children:
              task.audience === 'all'
                ? t('tasks.audienceAll', { star: task.starName })
                : t('tasks.audienceChosen', { count: task.unitCodes.length }),
          },
          {
            key: 'issued',
            label: t('tasks.field.issued'),
            children: t('tasks.by', { name: task.createdByName, at: formatDateTime(task.createdAt, lang) }),
          },
        ]),
  ];
  return (
    <>
      <Typography.Paragraph className="wx-task-text" style={{ fontSize: 15, marginBottom: 12 }}>
        {task.description || <Typography.Text type="secondary">{t('tasks.noDescription')}</Typography.Text>}
      </Typography.Paragraph>
      <Descriptions size="small" column={isMobile ? 1 : 2} items={items} />
    </>
  );
}
