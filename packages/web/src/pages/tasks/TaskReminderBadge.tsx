import { Badge } from 'antd';
import { useTaskReminders } from '../../hooks/useTasks';

/**
 * The count on the village's 我的任务 menu entry: its tasks due within the reminder window, overdue, or
 * returned to complete. Nothing when there are none.
 */
export function TaskReminderBadge({ dot = false }: { dot?: boolean }) {
  const reminders = useTaskReminders();
  const r = reminders.data;
  const count = r ? r.remind + r.overdue + r.returned : 0;
  if (dot) return count > 0 ? <Badge dot data-testid="task-reminder-dot" /> : null;
  return <Badge count={count} size="small" overflowCount={99} data-testid="task-reminder-badge" />;
}
