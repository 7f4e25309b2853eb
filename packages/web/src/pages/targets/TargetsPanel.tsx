import { CheckOutlined, CloseOutlined, EditOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Popconfirm, Segmented, Select, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { CampaignDetailView, UnitTargetsView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { namesOf, StarTags, TargetStatusTag } from '../../components/campaign/labels';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { useTargets } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { RejectTargetsModal, SetTargetsModal } from './TargetDialogs';
import { useTargetWrite } from './useTargetWrite';

type StatusFilter = 'all' | UnitTargetsView['status'];

/**
 * The declarations of every unit the user may see: a street admin approves or rejects (with a reason)
 * its villages' declarations; a district admin can also set any unit's stars directly.
 */
export function TargetsPanel({ campaign }: { campaign: CampaignDetailView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const isMobile = useIsMobile();
  const targets = useTargets(campaign.code);
  const write = useTargetWrite(campaign.code);
  const starName = namesOf(campaign.stars);
  const isAdmin = user.role === 'district_admin';
  const canDecide = isAdmin || user.role === 'street_admin';
  const [status, setStatus] = useState<StatusFilter>('all');
  const [street, setStreet] = useState('');
  const [text, setText] = useState('');
  const [rejecting, setRejecting] = useState<UnitTargetsView | null>(null);
  const [approving, setApproving] = useState<UnitTargetsView | null>(null);
  // Once a month is locked, a change of targets changes locked results: it needs a reason.
  const locked = campaign.locks.length > 0;
  const [setting, setSetting] = useState<UnitTargetsView | null>(null);

  const units = targets.data?.units ?? [];
  const pendingCount = units.filter((u) => u.status === 'declared').length;
  const streets = useMemo(() => {
    const map = new Map<string, string>();
    for (const u of units) if (u.parentCode) map.set(u.parentCode, u.parentName ?? u.parentCode);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [units]);
  const filtered = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return units
      .filter(
        (u) =>
          (status === 'all' || u.status === status) &&
          (!street || u.parentCode === street) &&
          (!needle || u.unitName.toLowerCase().includes(needle) || u.unitCode.toLowerCase().includes(needle)),
      )
      .sort((a, b) => Number(b.status === 'declared') - Number(a.status === 'declared'));
  }, [units, status, street, text]);

  const approve = (u: UnitTargetsView) =>
    write.mutate(
      { kind: 'approve', unitCode: u.unitCode },
      {
        onSuccess: () => message.success(t('targets.approved', { unit: u.unitName })),
        onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
      },
    );

  const actions = (u: UnitTargetsView) => (
    <Flex gap={4} wrap>
      {canDecide && u.status === 'declared' && (
        <>
          {locked ? (
            <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setApproving(u)}>
              {t('targets.approve')}
            </Button>
          ) : (
            <Popconfirm
              title={t('targets.approveConfirm', { unit: u.unitName })}
              onConfirm={() => approve(u)}
              okText={t('targets.approve')}
              cancelText={t('common.cancel')}
            >
              <Button size="small" type="primary" icon={<CheckOutlined />}>
                {t('targets.approve')}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(u)}>
            {t('targets.reject')}
          </Button>
        </>
      )}
      {isAdmin && (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setSetting(u)}>
          {t('targets.set')}
        </Button>
      )}
    </Flex>
  );

  const declaredCell = (u: UnitTargetsView) =>
    u.status === 'declared' ? (
      <StarTags codes={u.declared} starName={starName} color="blue" added={u.effective} />
    ) : u.status === 'rejected' ? (
      <Flex vertical gap={2}>
        <StarTags codes={u.rejected} starName={starName} color="default" />
        {u.note && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('targets.rejectNote', { note: u.note })}
          </Typography.Text>
        )}
      </Flex>
    ) : (
      <span className="wx-muted">—</span>
    );

  const filters = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Segmented<StatusFilter>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('targets.filterAll') },
          {
            value: 'declared',
            label:
              pendingCount > 0 ? (
                <span>
                  {t('targets.status.declared')}{' '}
                  <span className="wx-count" data-testid="pending-count">
                    {pendingCount}
                  </span>
                </span>
              ) : (
                t('targets.status.declared')
              ),
          },
          { value: 'approved', label: t('targets.status.approved') },
          { value: 'rejected', label: t('targets.status.rejected') },
          { value: 'none', label: t('targets.status.none') },
        ]}
        style={isMobile ? { width: '100%', overflowX: 'auto' } : undefined}
      />
      {streets.length > 1 && (
        <Select
          value={street}
          onChange={setStreet}
          aria-label={t('ranking.street')}
          style={{ width: isMobile ? 'calc(50% - 4px)' : 160 }}
          options={[{ value: '', label: t('ranking.allStreets') }, ...streets]}
        />
      )}
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('units.searchPlaceholder')}
        aria-label={t('units.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ width: isMobile ? (streets.length > 1 ? 'calc(50% - 4px)' : '100%') : 220 }}
      />
    </Flex>
  );

  let body: ReactNode;
  if (targets.isPending) body = <Loading />;
  else if (targets.isError) body = <ErrorBox error={targets.error} onRetry={() => targets.refetch()} />;
  else if (filtered.length === 0) body = <EmptyState description={t('targets.empty')} />;
  else if (isMobile)
    body = (
      <CardList
        items={filtered}
        rowKey={(u) => u.unitCode}
        pageSize={30}
        render={(u) => (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong>{u.unitName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.parentName ?? ''}
                </Typography.Text>
              </Flex>
              <TargetStatusTag status={u.status} />
            </Flex>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('targets.effective')}
              </Typography.Text>
              <div>
                <StarTags codes={u.effective} starName={starName} />
              </div>
            </div>
            {u.status !== 'approved' && u.status !== 'none' && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.status === 'declared' ? t('targets.declared') : t('targets.rejectedStars')}
                </Typography.Text>
                <div>{declaredCell(u)}</div>
              </div>
            )}
            {actions(u)}
          </Flex>
        )}
      />
    );
  else
    body = (
      <Table<UnitTargetsView>
        rowKey="unitCode"
        size="middle"
        dataSource={filtered}
        pagination={filtered.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 960 }}
        columns={[
          {
            title: t('ranking.unit'),
            key: 'unit',
            width: 180,
            render: (_, u) => (
              <Flex vertical>
                <Typography.Text strong>{u.unitName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {u.parentName ?? ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('targets.effective'),
            key: 'effective',
            render: (_, u) => <StarTags codes={u.effective} starName={starName} />,
          },
          { title: t('targets.declaredCol'), key: 'declared', render: (_, u) => declaredCell(u) },
          {
            title: t('targets.statusCol'),
            key: 'status',
            width: 100,
            render: (_, u) => <TargetStatusTag status={u.status} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: isAdmin ? 250 : 190,
            render: (_, u) => actions(u),
          },
        ]}
      />
    );

  return (
    <>
      {filters}
      {body}
      <RejectTargetsModal campaignCode={campaign.code} unit={rejecting} onClose={() => setRejecting(null)} />
      <RejectTargetsModal
        campaignCode={campaign.code}
        unit={approving}
        onClose={() => setApproving(null)}
        approve
      />
      {isAdmin && (
        <SetTargetsModal
          campaignCode={campaign.code}
          stars={campaign.stars}
          requiredStar={targets.data?.requiredStar ?? null}
          unit={setting}
          onClose={() => setSetting(null)}
          locked={locked}
        />
      )}
    </>
  );
}
