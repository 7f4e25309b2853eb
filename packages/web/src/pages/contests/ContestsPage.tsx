import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ContestSummaryView, CreateContestBodyInput } from '../../api/types';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useContestGroups } from '../../hooks/useUnits';
import { useContests, useCreateContest } from './api';
import { useContestI18n } from './i18n';
import { ContestStatusTag } from './parts';

/**
 * 擂台赛 list (`/contests`, district admin): every contest with its status and progress, a drawer to create
 * one, and the way to the year-end overall.
 */
export function ContestsPage() {
  const { t } = useContestI18n();
  const contests = useContests();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const rows = contests.data?.rows ?? [];
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  const [year, setYear] = useState<number | undefined>();
  const overallYear = year ?? years[0];

  return (
    <>
      <PageHeader
        title={t('contest.title')}
        subtitle={t('contest.subtitle')}
        extra={
          <>
            {overallYear !== undefined && (
              <Flex gap={0}>
                <Select
                  value={overallYear}
                  onChange={setYear}
                  options={years.map((y) => ({ value: y, label: y }))}
                  aria-label={t('contest.overall.year')}
                  style={{ width: 96 }}
                />
                <Button
                  icon={<TrophyOutlined />}
                  onClick={() => navigate(`/contests/overall/${overallYear}`)}
                >
                  {t('contest.overall')}
                </Button>
              </Flex>
            )}
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('contest.create')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {contests.isPending ? (
          <Loading />
        ) : contests.isError ? (
          <ErrorBox error={contests.error} onRetry={() => contests.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={t('contest.empty')} />
        ) : (
          <Table<ContestSummaryView>
            rowKey="code"
            dataSource={rows}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[
              { title: t('contest.col.code'), dataIndex: 'code', width: 130 },
              {
                title: t('contest.col.name'),
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Link to={`/contests/${encodeURIComponent(row.code)}`}>{name}</Link>
                ),
              },
              { title: t('contest.col.period'), dataIndex: 'period', width: 90 },
              { title: t('contest.col.date'), dataIndex: 'date', width: 110 },
              {
                title: t('contest.col.status'),
                dataIndex: 'status',
                width: 90,
                render: (_: unknown, row) => <ContestStatusTag status={row.status} />,
              },
              {
                title: t('contest.col.units'),
                key: 'units',
                width: 110,
                render: (_: unknown, row) => `${row.closedCount}/${row.participantCount}`,
              },
              { title: t('contest.col.jury'), dataIndex: 'judgeCount', width: 70 },
              {
                key: 'actions',
                width: 150,
                render: (_: unknown, row) => (
                  <Flex gap={4}>
                    <Button
                      size="small"
                      onClick={() => navigate(`/contests/${encodeURIComponent(row.code)}`)}
                    >
                      {t('contest.open')}
                    </Button>
                    <Button
                      size="small"
                      type={row.status === 'running' ? 'primary' : 'default'}
                      onClick={() => navigate(`/contests/${encodeURIComponent(row.code)}/console`)}
                    >
                      {t('contest.console')}
                    </Button>
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CreateContestDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

interface Values {
  name: string;
  year: number;
  period: string;
  date: Dayjs;
  groupCodes: string[];
  juryPoints: number;
  honourPoints: number;
  cadrePoints: number;
  trimFrom: number;
  speechMinutes: number;
}

const FIELDS = [
  'name',
  'year',
  'period',
  'date',
  'groupCodes',
  'juryPoints',
  'honourPoints',
  'cadrePoints',
  'trimFrom',
];

/** The next quarter label after today, e.g. 2024Q1. */
function nextQuarter(today = new Date()): { year: number; period: string } {
  const year = today.getFullYear();
  const quarter = Math.floor(today.getMonth() / 3) + 1;
  return { year, period: `${year}Q${quarter}` };
}

/** Creates a contest: name, year and period, date, groups, the point split and the rules. */
function CreateContestDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useContestI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const groups = useContestGroups();
  const create = useCreateContest();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const jury = Form.useWatch('juryPoints', form) ?? 0;
  const honour = Form.useWatch('honourPoints', form) ?? 0;
  const cadre = Form.useWatch('cadrePoints', form) ?? 0;
  const sum = jury + honour + cadre;
  const start = nextQuarter();

  const onFinish = (values: Values) => {
    setError(null);
    const quarter = /^\d{4}Q[1-4]$/.test(values.period);
    const body: CreateContestBodyInput = {
      name: values.name,
      year: values.year,
      period: values.period,
      kind: quarter ? 'quarter' : 'custom',
      date: values.date.format('YYYY-MM-DD'),
      groupCodes: values.groupCodes.length > 0 ? values.groupCodes : undefined,
      juryPoints: values.juryPoints,
      honourPoints: values.honourPoints,
      cadrePoints: values.cadrePoints,
      trimFrom: values.trimFrom,
      speechSeconds: Math.round(values.speechMinutes * 60),
    };
    create.mutate(body, {
      onSuccess: (detail) => {
        void message.success(t('contest.form.created', { code: detail.contest.code }));
        onClose();
        form.resetFields();
        navigate(`/contests/${encodeURIComponent(detail.contest.code)}`);
      },
      onError: (cause) => {
        if (!applyFieldError(form, cause, FIELDS)) setError(errorMessage(cause, t('common.unknownError')));
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      title={t('contest.form.title')}
      destroyOnHidden
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('contest.form.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('contest.form.submit')}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        name="contest"
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        initialValues={{
          year: start.year,
          period: start.period,
          groupCodes: [],
          juryPoints: 70,
          honourPoints: 15,
          cadrePoints: 15,
          trimFrom: 5,
          speechMinutes: 5,
        }}
      >
        <Form.Item
          name="name"
          label={t('contest.form.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('contest.form.required', { field: t('contest.form.name') }),
            },
          ]}
        >
          <Input placeholder={t('contest.form.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="year" label={t('contest.form.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="period"
              label={t('contest.form.period')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('contest.form.required', { field: t('contest.form.period') }),
                },
              ]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="date"
              label={t('contest.form.date')}
              rules={[
                { required: true, message: t('contest.form.required', { field: t('contest.form.date') }) },
              ]}
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12 }}>
          {t('contest.form.periodHelp')}
        </Typography.Text>
        <Form.Item name="groupCodes" label={t('contest.form.groups')} extra={t('contest.form.groupsHelp')}>
          <Select
            mode="multiple"
            loading={groups.isPending}
            options={(groups.data ?? []).map((g) => ({
              value: g.code,
              label: `${g.name}（${t('contest.units', { count: g.unitCount })}）`,
            }))}
          />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('contest.form.split')}
        </Divider>
        <Row gutter={12}>
          {(['juryPoints', 'honourPoints', 'cadrePoints'] as const).map((name) => (
            <Col span={8} key={name}>
              <Form.Item name={name} label={t(`contest.form.${name}`)} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text
          type={sum === 100 ? 'secondary' : 'danger'}
          style={{ display: 'block', marginTop: -12, marginBottom: 12 }}
        >
          {sum === 100 ? t('contest.form.sum', { sum }) : t('contest.form.sumWrong', { sum })}
        </Typography.Text>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="trimFrom" label={t('contest.form.trimFrom')} extra={t('contest.form.trimHelp')}>
              <InputNumber min={3} max={50} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="speechMinutes" label={t('contest.form.speechMinutes')}>
              <InputNumber min={0.5} max={60} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
