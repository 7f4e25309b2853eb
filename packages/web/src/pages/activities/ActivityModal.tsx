import { ACTIVITY_COUNT_KEYS, type ActivityCountKey } from '@wuxing/core/activities';
import {
  App,
  AutoComplete,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  type SelectProps,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { ActivityListView, ActivityView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError, withoutFieldLabel } from '../../components/formErrors';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useDeleteActivity, useSaveActivity } from './api';
import { useActivityI18n } from './i18n';

type Counts = Record<ActivityCountKey, number | null>;

interface ActivityForm {
  unitCode: string;
  title: string;
  topic: string;
  heldOn: Dayjs | null;
  place: string;
  partners?: string;
  summary?: string;
  counts: Counts;
}

const FIELDS = ['unitCode', 'title', 'topic', 'heldOn', 'place', 'partners', 'summary'] as const;
const DAY = 'YYYY-MM-DD';
const zeroCounts = (): Counts =>
  Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, 0])) as Record<ActivityCountKey, number>;

/** A count's label with its unit: 出动工作人员（人次）. */
export function useCountLabel() {
  const { t } = useActivityI18n();
  return (k: ActivityCountKey) =>
    t('activities.withUnit', { label: t(`activities.count.${k}`), unit: t(`activities.unit.${k}`) });
}

/**
 * Records an activity (activity = null) or edits one: the unit that held it (fixed once recorded), name, topic,
 * day, place, partners, summary and the six counts. The server's refusals show under the field they name.
 */
export function ActivityModal({
  open,
  activity,
  list,
  topics,
  onClose,
}: {
  open: boolean;
  activity: ActivityView | null;
  list: ActivityListView;
  /** The topics known in the period, for the topic's suggestions. */
  topics: readonly string[];
  onClose: () => void;
}) {
  const { t } = useActivityI18n();
  const countLabel = useCountLabel();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityForm>();
  const save = useSaveActivity();
  const [error, setError] = useState<string | null>(null);
  const [countsError, setCountsError] = useState<string | null>(null);
  const topic = Form.useWatch('topic', form);
  const wasOpen = useRef(false);
  const { units, period } = list;

  // Fills the form once per opening (a refetch of the list while open keeps what the user typed).
  useEffect(() => {
    if (open && !wasOpen.current) {
      setError(null);
      setCountsError(null);
      form.resetFields();
      const today = dayjs();
      const month = today.format('YYYY-MM');
      form.setFieldsValue(
        activity
          ? {
              unitCode: activity.unit.code,
              title: activity.title,
              topic: activity.topic,
              heldOn: dayjs(activity.heldOn, DAY),
              place: activity.place,
              partners: activity.partners,
              summary: activity.summary,
              counts: { ...activity.counts },
            }
          : {
              unitCode: units.length === 1 ? units[0]?.code : undefined,
              // Today when the period shown holds it; else the user picks the day (a past year's record).
              heldOn: month >= period.start && month <= period.end ? today : null,
              counts: zeroCounts(),
            },
      );
    }
    wasOpen.current = open;
  }, [open, activity, units, period, form]);

  const unitOptions = useMemo<SelectProps['options']>(() => {
    const nameOf = (code: string) =>
      units.find((u) => u.code === code)?.name ?? list.streets.find((s) => s.code === code)?.name ?? code;
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const u of units) {
      const key = u.street ?? '';
      groups.set(key, [...(groups.get(key) ?? []), { value: u.code, label: u.name }]);
    }
    if (groups.size <= 1) return units.map((u) => ({ value: u.code, label: u.name }));
    return [...groups].map(([street, options]) => ({
      label: street ? nameOf(street) : t('activities.districtOwn'),
      title: street,
      options,
    }));
  }, [units, list.streets, t]);

  const pickerStart = useMemo(() => {
    const month = dayjs().format('YYYY-MM');
    return month >= period.start && month <= period.end ? undefined : dayjs(`${period.end}-01`, DAY);
  }, [period]);

  const topicOptions = useMemo(() => {
    const typed = (topic ?? '').trim();
    return topics.filter((x) => !typed || x.includes(typed)).map((x) => ({ value: x }));
  }, [topics, topic]);

  const submit = (values: ActivityForm) => {
    setError(null);
    setCountsError(null);
    const counts = Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, values.counts[k] ?? 0])) as Record<
      ActivityCountKey,
      number
    >;
    const fields = {
      title: values.title.trim(),
      topic: values.topic.trim(),
      heldOn: values.heldOn?.format(DAY) ?? '',
      place: values.place.trim(),
      partners: values.partners?.trim() ?? '',
      summary: values.summary?.trim() ?? '',
      counts,
    };
    const inPeriod = (day: string) => day.slice(0, 7) >= period.start && day.slice(0, 7) <= period.end;
    save.mutate(
      { id: activity?.id ?? null, body: activity ? fields : { ...fields, unitCode: values.unitCode } },
      {
        onSuccess: (saved) => {
          if (activity) void message.success(t('activities.saved'));
          else if (inPeriod(saved.heldOn))
            void message.success(t('activities.recorded', { title: saved.title }));
          else
            void message.info(t('activities.recordedElsewhere', { title: saved.title, date: saved.heldOn }));
          onClose();
        },
        onError: (cause) => {
          if (applyFieldError(form, cause, FIELDS, {}, { dropLabel: true })) return;
          const text = errorMessage(cause, t('common.unknownError'));
          if (cause instanceof ApiError && cause.field === 'counts') setCountsError(withoutFieldLabel(text));
          else setError(text);
        },
      },
    );
  };

  const required = (text: string) => ({ required: true, whitespace: true, message: text });
  return (
    <Modal
      open={open}
      title={
        activity ? t('activities.form.editTitle', { title: activity.title }) : t('activities.form.addTitle')
      }
      okText={t('activities.form.save')}
      cancelText={t('activities.form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={680}
      destroyOnHidden
      forceRender
    >
      <Form<ActivityForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        name="activity"
      >
        <Form.Item
          name="unitCode"
          label={t('activities.form.unit')}
          rules={[{ required: true, message: t('activities.form.unitRequired') }]}
        >
          <Select
            disabled={activity !== null || units.length <= 1}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('activities.form.unitPlaceholder')}
            options={unitOptions}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('activities.form.title')}
          rules={[required(t('activities.form.titleRequired'))]}
        >
          <Input maxLength={100} autoComplete="off" placeholder={t('activities.form.titleHint')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="topic"
              label={t('activities.form.topic')}
              extra={t('activities.form.topicHint')}
              rules={[required(t('activities.form.topicRequired'))]}
            >
              <AutoComplete options={topicOptions} maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="heldOn"
              label={t('activities.form.heldOn')}
              rules={[{ required: true, message: t('activities.form.heldOnRequired') }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                format={DAY}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                // The calendar opens in the period shown (its last month) when today lies outside it.
                defaultPickerValue={pickerStart}
                inputReadOnly={isMobile}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="place"
          label={t('activities.form.place')}
          rules={[required(t('activities.form.placeRequired'))]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="partners"
          label={t('activities.form.partners')}
          extra={t('activities.form.partnersHint')}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="summary" label={t('activities.form.summary')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
          {t('activities.form.counts')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }}>
          {t('activities.form.countsHint')}
        </Typography.Text>
        <Row gutter={12}>
          {ACTIVITY_COUNT_KEYS.map((k) => (
            <Col key={k} xs={12} sm={8}>
              <Form.Item
                name={['counts', k]}
                label={countLabel(k)}
                rules={[{ type: 'integer', min: 0, message: t('activities.form.countInvalid') }]}
              >
                <InputNumber
                  min={0}
                  max={1_000_000}
                  precision={0}
                  inputMode="numeric"
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {countsError && (
          <div role="alert" style={{ color: '#cf1322', marginTop: -8, marginBottom: 8 }}>
            {countsError}
          </div>
        )}
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}

interface DeleteForm {
  reason: string;
}

/** Deletes an activity with a reason (required, at least 2 characters); the server's refusal shows under it. */
export function DeleteActivityModal({
  activity,
  onClose,
}: {
  activity: ActivityView | null;
  onClose: () => void;
}) {
  const { t } = useActivityI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeleteForm>();
  const remove = useDeleteActivity();
  const [error, setError] = useState<string | null>(null);
  const open = activity !== null;

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
    }
  }, [open, form]);

  const submit = ({ reason }: DeleteForm) => {
    if (!activity) return;
    setError(null);
    remove.mutate(
      { id: activity.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('activities.deleted'));
          onClose();
        },
        onError: (cause) => {
          if (!applyFieldError(form, cause, ['reason'], {}, { dropLabel: true }))
            setError(errorMessage(cause, t('common.unknownError')));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={activity ? t('activities.deleteTitle', { title: activity.title }) : ''}
      okText={t('activities.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('activities.form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={remove.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('activities.deleteIntro')}</Typography.Paragraph>
      <Form<DeleteForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} name="delete">
        <Form.Item
          name="reason"
          label={t('activities.deleteReason')}
          // Empty is caught here; the server checks the length (≥ 2) and its refusal shows under the field.
          rules={[{ required: true, whitespace: true, message: t('activities.deleteReasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} placeholder={t('activities.deleteReasonHint')} />
        </Form.Item>
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
