import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Typography } from 'antd';
import { api } from '../../api/client';
import type { CampaignDetailView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { monthsOf } from '../../components/period';
import { campaignPath } from '../../hooks/useCampaigns';
import { useI18n } from '../../i18n';
import { useCampaignWrite } from './useCampaignWrite';

/** 月份锁定: the twelve months, which are locked (by whom, when), and a lock button for the others. */
export function LocksTab({ campaign, editable }: { campaign: CampaignDetailView; editable: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const lock = useCampaignWrite(campaign.code, (month: string) =>
    api.post<CampaignDetailView>(`${campaignPath(campaign.code)}/locks`, { month }),
  );
  const locks = new Map(campaign.locks.map((l) => [l.month, l]));
  const onLock = (month: string) =>
    lock.mutate(month, {
      onSuccess: () => message.success(t('locks.done', { month })),
      onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
    });

  return (
    <Flex vertical gap={16}>
      <Alert type="warning" showIcon title={t('locks.hint')} />
      <Row gutter={[12, 12]}>
        {monthsOf(campaign.year).map((month) => {
          const l = locks.get(month);
          return (
            <Col key={month} xs={12} sm={8} lg={6} xl={4}>
              <Card
                size="small"
                data-testid={`lock-${month}`}
                style={{ height: '100%', background: l ? '#fafafa' : undefined }}
                styles={{ body: { padding: '10px 12px' } }}
              >
                <Flex vertical gap={6}>
                  <Flex justify="space-between" align="center">
                    <Typography.Text strong>{month}</Typography.Text>
                    {l ? (
                      <LockOutlined style={{ color: '#a93226' }} aria-label={t('locks.locked')} />
                    ) : (
                      <UnlockOutlined style={{ color: 'rgba(0,0,0,0.35)' }} aria-label={t('locks.open')} />
                    )}
                  </Flex>
                  {l ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('locks.lockedBy', {
                        who: l.lockedByName ?? t('audit.system'),
                        at: formatDateTime(l.lockedAt, lang),
                      })}
                    </Typography.Text>
                  ) : editable ? (
                    <Popconfirm
                      title={t('locks.confirm', { month })}
                      description={t('locks.confirmHint')}
                      onConfirm={() => onLock(month)}
                      okText={t('locks.lock')}
                      cancelText={t('common.cancel')}
                    >
                      <Button
                        size="small"
                        icon={<LockOutlined />}
                        loading={lock.isPending && lock.variables === month}
                      >
                        {t('locks.lock')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('locks.open')}
                    </Typography.Text>
                  )}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Flex>
  );
}
