import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Pagination,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type {
  CourtyardApplicationStatus,
  CourtyardApplicationView,
  CourtyardStanding,
} from '../../api/types';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useApplications, useChosenCourtyardCampaign, useCourtyardWrites, useHouseholds } from './api';
import { useCourtyardI18n } from './i18n';
import { CampaignSelect, CourtyardNav, LevelTag, levelName, StatusTag, scoreText } from './labels';

const STATUSES: CourtyardApplicationStatus[] = [
  'applied',
  'village_confirmed',
  'street_confirmed',
  'rejected',
];
const STANDINGS: CourtyardStanding[] = ['none', 'village', 'street', 'district', 'city'];

/** Choose households of the village to apply for; the applying village user may confirm in the same step. */
function ApplyModal({
  campaignCode,
  open,
  onClose,
}: {
  campaignCode: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useCourtyardI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [confirm, setConfirm] = useState(true);
  // A village has tens of households: all of them at once, so the ones already applied for can be left out.
  const households = useHouseholds({ q: q || undefined, page: 1, pageSize: 500 }, open);
  const applied = useApplications(open ? campaignCode : undefined, { page: 1, pageSize: 500 });
  const writes = useCourtyardWrites(campaignCode);
  // A returned (已退回) application may be made again.
  const taken = new Set(
    (applied.data?.rows ?? []).filter((r) => r.status !== 'rejected').map((r) => r.householdCode),
  );
  const rows = (households.data?.rows ?? []).filter((h) => !taken.has(h.code));
  const close = () => {
    setChosen([]);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('cy.app.applyTitle')}
      okText={t('cy.app.applyOk', { count: chosen.length })}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: chosen.length === 0 }}
      confirmLoading={writes.apply.isPending}
      onCancel={close}
      onOk={() =>
        writes.apply
          .mutateAsync({ householdCodes: chosen, confirm })
          .then((r) => {
            message.success(t('cy.app.applied', { count: r.rows.length }));
            close();
          })
          .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))))
      }
      destroyOnHidden
    >
      <Flex vertical gap={10}>
        <Alert
          type="info"
          showIcon
          title={t('cy.app.contentTitle')}
          description={t('cy.app.content')}
          data-testid="courtyard-content"
        />
        <Input.Search allowClear placeholder={t('cy.search')} onSearch={(v) => setQ(v.trim())} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cy.app.onlyUnapplied')}
        </Typography.Text>
        {households.isPending || applied.isPending ? (
          <Loading minHeight={120} />
        ) : (
          <Flex vertical gap={0} style={{ maxHeight: 360, overflowY: 'auto' }} data-testid="apply-list">
            {rows.map((h) => (
              <Checkbox
                key={h.code}
                checked={chosen.includes(h.code)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, h.code] : c.filter((x) => x !== h.code)))
                }
                style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', width: '100%' }}
              >
                <Typography.Text strong>{h.headName}</Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.code} · {h.address}
                </Typography.Text>
              </Checkbox>
            ))}
          </Flex>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cy.total', { count: rows.length })}
        </Typography.Text>
        <Checkbox checked={confirm} onChange={(e) => setConfirm(e.target.checked)}>
          {t('cy.app.applyConfirm')}
        </Checkbox>
      </Flex>
    </Modal>
  );
}

/**
 * 申报: village users apply for their households and confirm them at the village stage; street admins confirm
 * or return (with a reason) what their villages confirmed. Filter by status, level, village; cards on a phone.
 */
export function ApplicationsPage() {
  const { t, lang } = useCourtyardI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const {
    campaigns,
    rows: campaignRows,
    chosen,
  } = useChosenCourtyardCampaign(user.username, params.get('campaign'));
  const code = chosen?.code;
  const status = params.get('status') ?? undefined;
  const level = params.get('level') ?? undefined;
  const streetCode = params.get('streetCode') ?? undefined;
  const villageCode = params.get('villageCode') ?? undefined;
  const q = params.get('q') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = 20;
  const list = useApplications(code, { status, level, streetCode, villageCode, q, page, pageSize });
  const writes = useCourtyardWrites(code);
  const [applying, setApplying] = useState(false);
  const [rejecting, setRejecting] = useState<CourtyardApplicationView | null>(null);
  const [rejectForm] = Form.useForm<{ reason: string }>();

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const isVillage = user.role === 'village_user';
  const isStreet = user.role === 'street_admin';
  const canConfirmVillage = (r: CourtyardApplicationView) => isVillage && r.status === 'applied';
  const canConfirmStreet = (r: CourtyardApplicationView) => isStreet && r.status === 'village_confirmed';
  const canReject = (r: CourtyardApplicationView) =>
    (isStreet && (r.status === 'village_confirmed' || r.status === 'applied')) ||
    (isVillage && r.status === 'applied');

  const confirm = (r: CourtyardApplicationView, stage: 'village' | 'street') =>
    writes.confirm
      .mutateAsync({ householdCode: r.householdCode, stage })
      .then(() => message.success(t('cy.app.confirmed')))
      .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))));

  const actions = (r: CourtyardApplicationView) => (
    <Flex gap={6} wrap onClick={(e) => e.stopPropagation()}>
      {canConfirmVillage(r) && (
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => void confirm(r, 'village')}
        >
          {t('cy.app.confirmVillage')}
        </Button>
      )}
      {canConfirmStreet(r) && (
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => void confirm(r, 'street')}
        >
          {t('cy.app.confirmStreet')}
        </Button>
      )}
      {canReject(r) && (
        <Button
          size="small"
          danger
          icon={<CloseOutlined />}
          onClick={() => {
            rejectForm.resetFields();
            setRejecting(r);
          }}
        >
          {t('cy.app.reject')}
        </Button>
      )}
    </Flex>
  );

  const open = (r: CourtyardApplicationView) =>
    navigate(
      `/courtyards/h/${encodeURIComponent(r.householdCode)}?campaign=${encodeURIComponent(r.campaignCode)}`,
    );

  const header = (
    <PageHeader
      title={t('cy.app.title')}
      subtitle={t('cy.app.subtitle')}
      extra={
        <>
          <CampaignSelect rows={campaignRows} value={code} />
          {isVillage && code && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)}>
              {t('cy.app.apply')}
            </Button>
          )}
        </>
      }
    />
  );
  if (campaigns.isPending)
    return (
      <>
        <CourtyardNav />
        {header}
        <Loading />
      </>
    );
  if (!chosen)
    return (
      <>
        <CourtyardNav />
        {header}
        <EmptyState description={t('cy.noCampaign')} />
      </>
    );

  const counts = list.data?.counts;
  const columns: ColumnsType<CourtyardApplicationView> = [
    {
      title: t('cy.hh.head'),
      key: 'head',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Link onClick={() => open(r)}>{r.headName}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.householdCode}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('cy.hh.address'), dataIndex: 'address', ellipsis: true },
    { title: t('cy.village'), key: 'village', render: (_, r) => `${r.villageName}（${r.streetName}）` },
    { title: t('cy.hh.status'), key: 'status', render: (_, r) => <StatusTag status={r.status} /> },
    { title: t('cy.hh.level'), key: 'level', render: (_, r) => <LevelTag level={r.level} /> },
    { title: t('cy.score'), key: 'score', align: 'right', render: (_, r) => scoreText(t, r.score) },
    {
      title: '',
      key: 'actions',
      render: (_, r) => actions(r),
    },
  ];

  return (
    <div>
      <CourtyardNav />
      {header}
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            aria-label={t('cy.hh.status')}
            placeholder={t('cy.allStatuses')}
            value={status}
            style={{ minWidth: 150 }}
            onChange={(v: string | undefined) => setParam('status', v)}
            options={STATUSES.map((s) => ({
              value: s,
              label: `${t(`cy.status.${s}`)}${counts ? ` (${counts[s]})` : ''}`,
            }))}
          />
          <Select
            allowClear
            aria-label={t('cy.hh.level')}
            placeholder={t('cy.allLevels')}
            value={level}
            style={{ minWidth: 120 }}
            onChange={(v: string | undefined) => setParam('level', v)}
            options={STANDINGS.map((l) => ({ value: l, label: levelName(t, l) }))}
          />
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('cy.search')}
            style={{ width: isMobile ? '100%' : 260 }}
            onSearch={(v) => setParam('q', v.trim() || undefined)}
          />
          {(streetCode || villageCode) && (
            <Tag
              closable
              onClose={() => {
                const next = new URLSearchParams(params);
                next.delete('streetCode');
                next.delete('villageCode');
                setParams(next, { replace: true });
              }}
            >
              {streetCode ?? villageCode}
            </Tag>
          )}
        </Flex>
        {list.isError ? (
          <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
        ) : list.isPending ? (
          <Loading />
        ) : isMobile ? (
          <Flex vertical gap={8} data-testid="application-list">
            {(list.data?.rows ?? []).length === 0 && <EmptyState description={t('cy.app.empty')} />}
            {(list.data?.rows ?? []).map((r) => (
              <Card
                key={r.householdCode}
                size="small"
                hoverable
                onClick={() => open(r)}
                styles={{ body: { padding: '10px 12px' } }}
                data-testid={`application-${r.householdCode}`}
              >
                <Flex vertical gap={4}>
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text strong>{r.headName}</Typography.Text>
                    <StatusTag status={r.status} />
                    <LevelTag level={r.level} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.villageName} · {r.address}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('cy.app.appliedAt', { time: formatDateTime(r.appliedAt, lang) })} · {t('cy.score')}{' '}
                    {scoreText(t, r.score)}
                  </Typography.Text>
                  {r.rejectReason && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {t('cy.app.rejectedBecause', { reason: r.rejectReason })}
                    </Typography.Text>
                  )}
                  {actions(r)}
                </Flex>
              </Card>
            ))}
            <Pagination
              simple
              current={page}
              pageSize={pageSize}
              total={list.data?.total ?? 0}
              onChange={(p) => setParam('page', String(p))}
            />
          </Flex>
        ) : (
          <Table<CourtyardApplicationView>
            rowKey="householdCode"
            size="middle"
            data-testid="application-table"
            dataSource={list.data?.rows ?? []}
            columns={columns}
            locale={{ emptyText: t('cy.app.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('cy.total', { count: total }),
              onChange: (p) => setParam('page', String(p)),
            }}
          />
        )}
      </Flex>
      {code && <ApplyModal campaignCode={code} open={applying} onClose={() => setApplying(false)} />}
      <Modal
        open={rejecting !== null}
        title={t('cy.app.rejectTitle', { name: rejecting?.headName ?? '' })}
        okText={t('cy.app.reject')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={writes.reject.isPending}
        onCancel={() => setRejecting(null)}
        onOk={() => rejectForm.submit()}
        destroyOnHidden
      >
        <Form
          form={rejectForm}
          layout="vertical"
          requiredMark={false}
          name="courtyard-reject"
          onFinish={(v) =>
            rejecting &&
            writes.reject
              .mutateAsync({ householdCode: rejecting.householdCode, reason: v.reason.trim() })
              .then(() => {
                message.success(t('cy.app.rejected'));
                setRejecting(null);
              })
              .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))))
          }
        >
          <Form.Item
            name="reason"
            label={t('cy.app.rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('cy.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
