import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import type { ContestDetailView, HonourBody, HonourLevel, HonourView } from '../../../api/types';
import { ErrorBox, errorMessage, Loading } from '../../../components/Feedback';
import { applyFieldError } from '../../../components/formErrors';
import { ImportFailure } from '../../../components/ImportErrorTable';
import { contestLinks, useAddHonour, useDeleteHonour, useHonours, useImportHonours } from '../api';
import { useContestI18n } from '../i18n';

const LEVELS: readonly HonourLevel[] = ['national', 'provincial', 'city', 'district'];

/** A refused import, kept to show its located problems. */
export interface ImportProblem {
  message: string;
  file: string;
  details: ApiError['details'];
}

/** Turns a failed upload into what the page shows. */
export function importProblem(cause: unknown, file: File, fallback: string): ImportProblem {
  return {
    message: errorMessage(cause, fallback),
    file: file.name,
    details: cause instanceof ApiError ? cause.details : [],
  };
}

/** 荣誉: the points table, the honours one by one, import from the 荣誉 sheet, and its template. */
export function HonoursTab({ view }: { view: ContestDetailView }) {
  const { t } = useContestI18n();
  const { message } = App.useApp();
  const code = view.contest.code;
  const honours = useHonours(code);
  const remove = useDeleteHonour(code);
  const upload = useImportHonours(code);
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const s = view.contest.settings;
  const locked = view.contest.status === 'announced';

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        {t('contest.honours.table', { ...s.honourTable, max: s.honourPoints })}
      </Typography.Text>
      {!locked && (
        <Flex gap={8} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('contest.honours.add')}
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              setProblem(null);
              upload.mutate(file, {
                onSuccess: (result) =>
                  void message.success(t('contest.honours.imported', { count: result.imported })),
                onError: (cause) => setProblem(importProblem(cause, file, t('common.unknownError'))),
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('contest.honours.import')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={contestLinks.honourTemplate(code)} download>
            {t('contest.honours.template')}
          </Button>
        </Flex>
      )}
      {problem && <ImportFailure message={problem.message} files={problem.file} details={problem.details} />}
      {honours.isPending ? (
        <Loading />
      ) : honours.isError ? (
        <ErrorBox error={honours.error} onRetry={() => honours.refetch()} />
      ) : (
        <Table<HonourView>
          size="small"
          rowKey="id"
          dataSource={honours.data.rows}
          locale={{ emptyText: t('contest.honours.none') }}
          pagination={honours.data.rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
          scroll={{ x: 860 }}
          columns={[
            { title: t('contest.col.unit'), dataIndex: 'unitName', width: 180 },
            { title: t('contest.honours.title'), dataIndex: 'title' },
            {
              title: t('contest.honours.level'),
              dataIndex: 'level',
              width: 90,
              render: (level: HonourLevel) => t(`contest.level.${level}`),
            },
            { title: t('contest.honours.awardedOn'), dataIndex: 'awardedOn', width: 110 },
            { title: t('contest.honours.issuer'), dataIndex: 'issuer', width: 160 },
            { title: t('contest.honours.points'), dataIndex: 'points', width: 70, align: 'right' },
            {
              key: 'actions',
              width: 80,
              render: (_: unknown, row) =>
                locked ? null : (
                  <Popconfirm
                    title={t('contest.honours.confirmDelete')}
                    okText={t('contest.honours.delete')}
                    cancelText={t('contest.form.cancel')}
                    onConfirm={() =>
                      remove.mutate(row.id, {
                        onError: (cause) => void message.error(errorMessage(cause, t('common.unknownError'))),
                      })
                    }
                  >
                    <Button size="small" type="link" danger>
                      {t('contest.honours.delete')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
      <AddHonourModal view={view} open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}

type HonourValues = Omit<HonourBody, 'awardedOn'> & { awardedOn: Dayjs };

/** One honour: unit, title, level, date, issuer. */
function AddHonourModal({
  view,
  open,
  onClose,
}: {
  view: ContestDetailView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useContestI18n();
  const { message } = App.useApp();
  const add = useAddHonour(view.contest.code);
  const [form] = Form.useForm<HonourValues>();
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('contest.form.required', { field }) },
  ];
  return (
    <Modal
      open={open}
      title={t('contest.honours.add')}
      okText={t('contest.goals.save')}
      cancelText={t('contest.form.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<HonourValues>
        form={form}
        layout="vertical"
        initialValues={{ level: 'district' }}
        onFinish={(values) =>
          add.mutate(
            { ...values, awardedOn: values.awardedOn.format('YYYY-MM-DD') },
            {
              onSuccess: () => {
                void message.success(t('contest.form.saved'));
                form.resetFields();
                onClose();
              },
              onError: (cause) => {
                if (!applyFieldError(form, cause, ['unitCode', 'title', 'level', 'awardedOn', 'issuer']))
                  void message.error(errorMessage(cause, t('common.unknownError')));
              },
            },
          )
        }
      >
        <Form.Item
          name="unitCode"
          label={t('contest.col.unit')}
          rules={[{ required: true, message: t('contest.form.required', { field: t('contest.col.unit') }) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={view.participants.map((p) => ({ value: p.unitCode, label: p.unitName }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('contest.honours.title')}
          rules={required(t('contest.honours.title'))}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="level" label={t('contest.honours.level')} style={{ flex: 1 }}>
            <Select options={LEVELS.map((l) => ({ value: l, label: t(`contest.level.${l}`) }))} />
          </Form.Item>
          <Form.Item
            name="awardedOn"
            label={t('contest.honours.awardedOn')}
            style={{ flex: 1 }}
            rules={[
              {
                required: true,
                message: t('contest.form.required', { field: t('contest.honours.awardedOn') }),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="issuer"
          label={t('contest.honours.issuer')}
          rules={required(t('contest.honours.issuer'))}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
