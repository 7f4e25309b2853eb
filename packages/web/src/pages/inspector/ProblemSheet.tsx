import { App, Button, Drawer, Flex, Form, Input, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ProblemSeverity, SheetLineView, SheetView } from '../../api/types';
import { useI18n } from '../../i18n';
import type { DraftPhoto, GeoStamp } from '../../offline/drafts';
import { enqueue } from '../../offline/engine';
import { problemEntries } from '../../offline/submit';
import { PhotoPicker } from './PhotoPicker';

/** Where a problem is raised from: a star of the unit's sheet and, usually, one of its lines. */
export interface ProblemTarget {
  star: string;
  starName: string;
  line: SheetLineView | null;
}

const SEVERITIES: ProblemSeverity[] = ['minor', 'major', 'severe'];

/** A local calendar date `YYYY-MM-DD`, `days` from today. */
export function localDate(days = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface Values {
  description: string;
  severity: ProblemSeverity;
  deadline: string;
  responsible: string;
}

/**
 * 提出问题 from a sheet line: a bottom sheet prefilled with the unit, star and line; description, severity,
 * deadline (today + 15 days), responsible person and photos. Saving queues it (and its photos) at once.
 */
export function ProblemSheet({
  owner,
  sheet,
  target,
  location,
  onClose,
}: {
  owner: string;
  sheet: SheetView;
  target: ProblemTarget | null;
  location: GeoStamp | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (target) {
      setPhotos([]);
      form.resetFields();
    }
  }, [target, form]);

  const onFinish = async (values: Values) => {
    if (!target) return;
    setSaving(true);
    try {
      const entries = problemEntries(
        owner,
        sheet,
        {
          star: target.star,
          lineId: target.line?.id ?? null,
          itemLabel: target.line ? target.line.name : target.starName,
          description: values.description,
          severity: values.severity,
          deadline: values.deadline,
          responsible: values.responsible ?? '',
          photos,
        },
        location,
      );
      await enqueue(entries);
      message.success(navigator.onLine ? t('onsite.problem.queued') : t('onsite.problem.queuedOffline'));
      onClose();
    } catch {
      message.error(t('onsite.sync.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  const where = target
    ? [sheet.unit.name, target.starName, target.line?.name].filter(Boolean).join(' · ')
    : '';

  return (
    <Drawer
      placement="bottom"
      open={target !== null}
      onClose={onClose}
      title={t('onsite.problem.title')}
      size="auto"
      styles={{ body: { paddingTop: 8 }, wrapper: { maxHeight: '92vh' } }}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('onsite.problem.submit')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {where}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        name="raise-problem"
        layout="vertical"
        requiredMark={false}
        initialValues={{ severity: 'minor', deadline: localDate(15), description: '', responsible: '' }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item
          name="description"
          label={t('onsite.problem.description')}
          rules={[
            { required: true, whitespace: true, message: t('onsite.problem.descriptionRequired') },
            { max: 2000, message: t('onsite.problem.descriptionTooLong') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('onsite.problem.descriptionPlaceholder')}
            autoFocus
          />
        </Form.Item>
        <Form.Item name="severity" label={t('onsite.problem.severity')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={SEVERITIES.map((s) => ({ value: s, label: t(`onsite.severity.${s}`) }))}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="deadline"
            label={t('onsite.problem.deadline')}
            rules={[{ required: true, message: t('onsite.problem.deadlineRequired') }]}
            style={{ flex: '1 1 150px' }}
          >
            <Input type="date" min={localDate(0)} />
          </Form.Item>
          <Form.Item
            name="responsible"
            label={t('onsite.problem.responsible')}
            rules={[{ max: 100, message: t('onsite.problem.responsibleTooLong') }]}
            style={{ flex: '1 1 150px' }}
          >
            <Input maxLength={100} placeholder={t('onsite.problem.responsiblePlaceholder')} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('onsite.problem.photos')} style={{ marginBottom: 0 }}>
          <PhotoPicker
            photos={photos}
            onChange={setPhotos}
            label={t('onsite.problem.photos')}
            testId="problem-photo-input"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
