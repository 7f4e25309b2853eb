import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ContestDetailView, ParticipantView } from '../../../api/types';
import { useContestI18n } from '../i18n';
import { points } from '../parts';

function Mark({ ok, label }: { ok: boolean; label: string }) {
  return ok ? (
    <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={label} />
  ) : (
    <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={label} />
  );
}

/** 赛前核对: lots and jury, and per unit its goals, honour points and cadre points, the missing ones marked. */
export function CheckTab({ view }: { view: ContestDetailView }) {
  const { t } = useContestI18n();
  const c = view.checks;
  const missingGoals = new Set(c.missingGoals);
  const missingHonours = new Set(c.missingHonours);
  const missingCadre = new Set(c.missingCadre);
  const rows = [...view.participants].sort(
    (a, b) =>
      Number(missingGoals.has(b.unitCode) || missingCadre.has(b.unitCode)) -
        Number(missingGoals.has(a.unitCode) || missingCadre.has(a.unitCode)) ||
      a.groupCode.localeCompare(b.groupCode) ||
      (a.lotOrder ?? 0) - (b.lotOrder ?? 0),
  );
  return (
    <Flex vertical gap={16}>
      <Alert
        type={c.ready && c.missingGoals.length === 0 && c.missingCadre.length === 0 ? 'success' : 'warning'}
        showIcon
        title={t('contest.check.summary', {
          units: view.participants.length,
          jury: c.juryCount,
          goals: c.missingGoals.length,
          cadre: c.missingCadre.length,
          honour: c.missingHonours.length,
        })}
        description={
          <Flex gap={16} wrap>
            <span>
              <Mark ok={c.lotsDrawn} label={t('contest.check.lots')} /> {t('contest.check.lots')}
            </span>
            <span>
              <Mark ok={c.juryCount > 0} label={t('contest.check.jury')} /> {t('contest.check.jury')}{' '}
              {c.juryCount}
            </span>
          </Flex>
        }
      />
      <Table<ParticipantView>
        size="small"
        rowKey="unitCode"
        dataSource={rows}
        pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        columns={[
          { title: t('contest.col.group'), dataIndex: 'groupName', width: 140 },
          {
            title: t('contest.col.lot'),
            dataIndex: 'lotOrder',
            width: 80,
            render: (v: number | null) => v ?? '—',
          },
          { title: t('contest.col.unit'), dataIndex: 'unitName' },
          {
            title: t('contest.check.goals'),
            key: 'goals',
            width: 110,
            render: (_: unknown, row) =>
              missingGoals.has(row.unitCode) ? (
                <Tag color="red">{t('contest.check.noGoals')}</Tag>
              ) : (
                <Mark ok label={t('contest.check.goals')} />
              ),
          },
          {
            title: t('contest.check.honour'),
            key: 'honour',
            width: 130,
            align: 'right',
            render: (_: unknown, row) =>
              missingHonours.has(row.unitCode) ? (
                <Typography.Text type="secondary">{t('contest.check.noHonour')}</Typography.Text>
              ) : (
                t('contest.check.honourValue', { points: points(row.honourPoints), count: row.honourCount })
              ),
          },
          {
            title: t('contest.check.cadre'),
            key: 'cadre',
            width: 130,
            align: 'right',
            render: (_: unknown, row) =>
              missingCadre.has(row.unitCode) ? (
                <Tag color="red">{t('contest.check.noCadre')}</Tag>
              ) : (
                points(row.cadreScore)
              ),
          },
        ]}
      />
    </Flex>
  );
}
