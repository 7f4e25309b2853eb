import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CampaignDetailView } from '../../api/types';
import { namesOf, StarTags, TargetStatusTag } from '../../components/campaign/labels';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { useTargets } from '../../hooks/useCampaigns';
import { useI18n } from '../../i18n';
import { StarPicker } from './StarPicker';
import { useTargetWrite } from './useTargetWrite';

/**
 * 创建目标 for a village: the stars it declares for the year ("创什么，考什么"), the required star always
 * on, and where the declaration stands with its street.
 */
export function DeclareTargetsCard({ campaign }: { campaign: CampaignDetailView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const targets = useTargets(campaign.code);
  const write = useTargetWrite(campaign.code);
  const starName = namesOf(campaign.stars);
  const unit = targets.data?.units[0];
  const [value, setValue] = useState<string[]>([]);
  useEffect(() => {
    if (unit) setValue(unit.status === 'declared' ? unit.declared : unit.effective);
  }, [unit]);

  if (targets.isPending) return <Loading />;
  if (targets.isError) return <ErrorBox error={targets.error} onRetry={() => targets.refetch()} />;
  if (!unit)
    return (
      <Card>
        <EmptyState description={t('targets.notAssessed')} />
      </Card>
    );

  const unchanged = unit.status === 'approved' && value.join(',') === unit.effective.join(',');
  const submit = () =>
    write.mutate(
      { kind: 'set', unitCode: unit.unitCode, stars: value },
      {
        onSuccess: () => message.success(t('targets.declaredDone')),
        onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
      },
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('targets.current')} size="small" style={{ height: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'unit', label: t('ranking.unit'), children: unit.unitName },
              {
                key: 'status',
                label: t('targets.statusCol'),
                children: <TargetStatusTag status={unit.status} />,
              },
              {
                key: 'effective',
                label: t('targets.effective'),
                children: <StarTags codes={unit.effective} starName={starName} />,
              },
              ...(unit.status === 'declared'
                ? [
                    {
                      key: 'declared',
                      label: t('targets.declared'),
                      children: <StarTags codes={unit.declared} starName={starName} color="blue" />,
                    },
                  ]
                : []),
            ]}
          />
          {unit.status === 'declared' && (
            <Alert type="info" showIcon title={t('targets.waiting', { street: unit.parentName ?? '' })} />
          )}
          {unit.status === 'rejected' && (
            <Alert
              type="error"
              showIcon
              title={t('targets.rejectedTitle')}
              description={unit.note ? t('targets.rejectNote', { note: unit.note }) : undefined}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={t('targets.declareTitle', { year: campaign.year })}
          size="small"
          style={{ height: '100%' }}
        >
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">{t('targets.declareHint')}</Typography.Text>
            <StarPicker
              stars={campaign.stars}
              requiredStar={targets.data.requiredStar}
              value={value}
              onChange={setValue}
            />
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={submit}
              loading={write.isPending}
              disabled={unchanged}
            >
              {unit.status === 'declared' ? t('targets.redeclare') : t('targets.declare')}
            </Button>
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
