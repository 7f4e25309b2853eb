import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { CampaignDetailView, LateRule, TaskAudience, TaskView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { newIdempotencyKey } from '../../components/idempotency';
import { useTargets } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useCreateTask, useUpdateTask } from '../../hooks/useTasks';
import { useUnitOptions } from '../problems/unitOptions';
import { useTasksI18n } from './i18n';
import { monthLabel } from './labels';

/** The module whose monthly items tasks score into (SCORING.md: 日常任务). */
const TASK_MODULE = 'RC';

interface Values {
  title: string;
  description?: string;
  star: string;
  month: string;
  deadline: Dayjs;
  points: number;
  lateRule: LateRule;
  lateDeduct: number;
  remindDays: number;
  audience: TaskAudience;
  unitCodes?: string[];
  correctionReason?: string;
}

const FIELDS = [
  'title',
  'description',
  'star',
  'month',
  'deadline',
  'points',
  'lateRule',
  'lateDeduct',
  'remindDays',
  'audience',
  'unitCodes',
  'correctionReason',
];

const monthEnd = (month: string) => dayjs(`${month}-01`).endOf('month').startOf('day');

/**
 * 下发任务 / 编辑任务 (district admin): title, requirements, star, month (one with a 日常任务 item for the star),
 * deadline (the month's last day unless changed), points, late rule, reminder days and audience. Star, month
 * and points are fixed once a unit has submitted.
 */
export function TaskFormDrawer({
  open,
  onClose,
  campaign,
  task,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  campaign: CampaignDetailView;
  /** The task to edit; null to issue a new one. */
  task: TaskView | null;
  onSaved?: (task: TaskView) => void;
}) {
  const { t } = useTasksI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const create = useCreateTask(campaign.code);
  const update = useUpdateTask(campaign.code);
  const targets = useTargets(open ? campaign.code : undefined);
  const units = useUnitOptions(open);
  const [error, setError] = useState<string | null>(null);
  // A change to a locked month's scores needs a correction reason: asked for when the month is locked, or
  // when the server says so.
  const [askedCorrection, setAskedCorrection] = useState(false);
  const key = useRef(newIdempotencyKey());
  // The deadline follows the month until the admin picks one.
  const deadlineTouched = useRef(false);
  const star = Form.useWatch('star', form);
  const month = Form.useWatch('month', form);
  const lateRule = Form.useWatch('lateRule', form);
  const audience = Form.useWatch('audience', form);
  const editing = task !== null;
  const p = task?.progress;
  const anySubmitted = p ? p.submitted + p.returned + p.scored > 0 : false;

  const lockedMonths = useMemo(() => new Set(campaign.locks.map((l) => l.month)), [campaign.locks]);
  // Months with a 日常任务 item for the star; a locked month takes no new tasks (the task's own month stays).
  const months = useMemo(() => {
    const withItem = campaign.items
      .filter((i) => i.module === TASK_MODULE && i.star === star)
      .map((i) => i.month);
    const list = withItem.length
      ? [...new Set(withItem)].sort()
      : Array.from({ length: 12 }, (_, i) => `${campaign.year}-${String(i + 1).padStart(2, '0')}`);
    return list.map((m) => {
      const closed = lockedMonths.has(m) && m !== task?.month;
      return {
        value: m,
        disabled: closed,
        label: lockedMonths.has(m)
          ? t('tasks.form.monthLocked', { month: monthLabel(t, m) })
          : monthLabel(t, m),
      };
    });
  }, [campaign.items, campaign.year, star, lockedMonths, task, t]);
  const noOpenMonth = !editing && months.every((m) => m.disabled);

  const unitOptions = useMemo(() => {
    const targeting = new Set(
      (targets.data?.units ?? []).filter((u) => star && u.effective.includes(star)).map((u) => u.unitCode),
    );
    if (!targets.data) return units.assessedOptions;
    return units.assessedOptions.filter((o) => targeting.has(o.value));
  }, [targets.data, units.assessedOptions, star]);

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setError(null);
    setAskedCorrection(false);
    form.resetFields();
    if (task) {
      deadlineTouched.current = true;
      form.setFieldsValue({
        title: task.title,
        description: task.description,
        star: task.star,
        month: task.month,
        deadline: dayjs(task.deadline),
        points: task.points,
        lateRule: task.lateRule,
        lateDeduct: task.lateDeduct,
        remindDays: task.remindDays,
        audience: task.audience,
        unitCodes: task.unitCodes,
      });
      return;
    }
    deadlineTouched.current = false;
    // This month when it is open, else the next open one, else the last open one.
    const first = campaign.stars[0]?.code;
    const now = dayjs().format('YYYY-MM');
    const openMonths = campaign.items
      .filter((i) => i.module === TASK_MODULE && i.star === first && !lockedMonths.has(i.month))
      .map((i) => i.month)
      .sort();
    const start = openMonths.find((m) => m >= now) ?? openMonths.at(-1) ?? `${campaign.year}-12`;
    form.setFieldsValue({
      star: first,
      month: start,
      deadline: monthEnd(start),
      points: 10,
      lateRule: 'deduct',
      lateDeduct: 50,
      remindDays: 3,
      audience: 'all',
      unitCodes: [],
    });
  }, [open, task, form, campaign, lockedMonths]);

  // A star without an (open) item in the chosen month: move to its first open month.
  useEffect(() => {
    if (!open || !month || months.some((m) => m.value === month && !m.disabled)) return;
    const next = months.find((m) => !m.disabled)?.value;
    if (next) form.setFieldsValue({ month: next });
  }, [open, month, months, form]);

  useEffect(() => {
    if (open && month && !deadlineTouched.current) form.setFieldsValue({ deadline: monthEnd(month) });
  }, [open, month, form]);

  const onFinish = (v: Values) => {
    setError(null);
    const body = {
      title: v.title.trim(),
      description: (v.description ?? '').trim(),
      star: v.star,
      month: v.month,
      deadline: v.deadline.format('YYYY-MM-DD'),
      points: v.points,
      lateRule: v.lateRule,
      lateDeduct: v.lateRule === 'deduct' ? v.lateDeduct : (task?.lateDeduct ?? 50),
      remindDays: v.remindDays,
      audience: v.audience,
      unitCodes: v.audience === 'chosen' ? (v.unitCodes ?? []) : [],
    };
    const onError = (e: unknown) => {
      // `unitCodes.3` names one chosen unit: the error goes on the picker.
      const aliases = e instanceof ApiError && e.field ? { [e.field]: e.field.split('.')[0] ?? e.field } : {};
      if (e instanceof ApiError && e.field === 'correctionReason' && !askedCorrection) {
        setAskedCorrection(true);
        setError(e.message);
        return;
      }
      if (!applyFieldError(form, e, FIELDS, aliases)) setError(errorMessage(e, t('common.unknownError')));
    };
    const done = (saved: TaskView) => {
      message.success(editing ? t('tasks.form.updated') : t('tasks.form.created', { number: saved.number }));
      onSaved?.(saved);
      onClose();
    };
    const correctionReason = v.correctionReason?.trim();
    if (task)
      update.mutate(
        {
          id: task.id,
          body: { ...body, version: task.version, ...(correctionReason ? { correctionReason } : {}) },
        },
        { onSuccess: ({ task: saved }) => done(saved), onError },
      );
    else
      create.mutate(
        { ...body, idempotencyKey: key.current },
        { onSuccess: ({ task: saved }) => done(saved), onError },
      );
  };

  const fixedHint = editing && anySubmitted ? t('tasks.form.fixedAfterSubmit') : undefined;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      title={editing ? t('tasks.form.editTitle', { number: task.number }) : t('tasks.form.createTitle')}
      destroyOnHidden
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            disabled={noOpenMonth}
            onClick={() => form.submit()}
          >
            {editing ? t('common.save') : t('tasks.form.issue')}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {noOpenMonth && (
        <Alert type="warning" showIcon title={t('tasks.form.noOpenMonth')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} name="task" layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          name="title"
          label={t('tasks.form.title')}
          rules={[
            { required: true, whitespace: true, message: t('tasks.form.titleRequired') },
            { max: 100, message: t('tasks.form.titleTooLong') },
          ]}
        >
          <Input maxLength={100} placeholder={t('tasks.form.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('tasks.form.description')}
          rules={[{ max: 2000, message: t('tasks.form.descriptionTooLong') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder={t('tasks.form.descriptionPlaceholder')}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="star"
            label={t('tasks.form.star')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 180px' }}
            extra={fixedHint}
          >
            <Select
              disabled={editing && anySubmitted}
              options={campaign.stars.map((s) => ({ value: s.code, label: s.name }))}
            />
          </Form.Item>
          <Form.Item
            name="month"
            label={t('tasks.form.month')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 180px' }}
            extra={t('tasks.form.monthHint')}
          >
            <Select disabled={editing && anySubmitted} options={months} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="deadline"
            label={t('tasks.form.deadline')}
            rules={[{ required: true, message: t('tasks.form.deadlineRequired') }]}
            style={{ flex: '1 1 180px' }}
            extra={t('tasks.form.deadlineHint')}
          >
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              onChange={() => {
                deadlineTouched.current = true;
              }}
            />
          </Form.Item>
          <Form.Item
            name="points"
            label={t('tasks.form.points')}
            rules={[{ required: true, message: t('tasks.form.pointsRequired') }]}
            style={{ flex: '1 1 180px' }}
            extra={t('tasks.form.pointsHint')}
          >
            <InputNumber
              min={0.5}
              max={1000}
              step={1}
              disabled={editing && anySubmitted}
              suffix={t('tasks.unitPoints')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        <Form.Item label={t('tasks.form.lateRule')} required>
          <Flex vertical gap={6}>
            <Form.Item name="lateRule" noStyle>
              <Radio.Group aria-label={t('tasks.form.lateRule')}>
                <Flex vertical gap={8}>
                  <Radio value="accept">{t('tasks.form.late.accept')}</Radio>
                  <Flex align="center" gap={6} wrap>
                    <Radio value="deduct" style={{ marginInlineEnd: 0 }}>
                      {t('tasks.form.late.deduct')}
                    </Radio>
                    <Form.Item
                      name="lateDeduct"
                      noStyle
                      rules={[{ required: lateRule === 'deduct', message: t('tasks.form.deductRequired') }]}
                    >
                      <InputNumber
                        min={0}
                        max={100}
                        step={10}
                        size="small"
                        suffix="%"
                        disabled={lateRule !== 'deduct'}
                        aria-label={t('tasks.form.deductPercent')}
                        style={{ width: 96 }}
                      />
                    </Form.Item>
                  </Flex>
                  <Radio value="zero">{t('tasks.form.late.zero')}</Radio>
                </Flex>
              </Radio.Group>
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item
          name="remindDays"
          label={t('tasks.form.remindDays')}
          rules={[{ required: true, message: t('tasks.form.remindRequired') }]}
          extra={t('tasks.form.remindHint')}
        >
          <InputNumber min={0} max={30} precision={0} suffix={t('tasks.unitDays')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="audience" label={t('tasks.form.audience')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('tasks.audience.all') },
              { value: 'chosen', label: t('tasks.audience.chosen') },
            ]}
          />
        </Form.Item>
        {audience === 'chosen' && (
          <Form.Item
            name="unitCodes"
            label={t('tasks.form.units')}
            rules={[{ required: true, type: 'array', min: 1, message: t('tasks.form.unitsRequired') }]}
            extra={t('tasks.form.unitsHint')}
          >
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.loading || targets.isPending}
              placeholder={t('tasks.form.unitsPlaceholder')}
              options={unitOptions}
              maxTagCount="responsive"
            />
          </Form.Item>
        )}
        {audience === 'all' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('tasks.form.allHint')}
          </Typography.Paragraph>
        )}
        {editing && (task.locked || askedCorrection) && (
          <Form.Item
            name="correctionReason"
            label={t('tasks.review.correctionReason')}
            extra={t('tasks.form.correctionHint')}
            rules={[
              { required: askedCorrection, whitespace: true, message: t('tasks.review.correctionRequired') },
              { max: 500, message: t('tasks.reasonTooLong') },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
