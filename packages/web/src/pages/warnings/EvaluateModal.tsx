import { format2 } from '@wuxing/core/rounding';
import { Alert, App, Flex, Modal, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import type { WarningChangeKind, WarningPreviewRow } from '../../api/types';
import { errorMessage, Loading } from '../../components/Feedback';
import { isRetryable, newIdempotencyKey } from '../../components/idempotency';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useEvaluateWarnings, useWarningPreview } from '../../hooks/useWarnings';
import { useWarningsI18n } from './i18n';
import { Figures, LevelTag, quarterLabel } from './labels';

const CHANGE_COLORS: Record<WarningChangeKind, string> = {
  raise: 'error',
  update: 'orange',
  keep: 'default',
  lift: 'success',
};

/**
 * 评估预警: pick a quarter, see what the rules would do (new, updated, kept, lifted, with the figures), then
 * confirm. The idempotency key lives as long as the dialog's choice, so a retried confirmation counts once.
 */
export function EvaluateModal({
  open,
  onClose,
  campaign,
  year,
  initialPeriod,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  campaign: string;
  year: number;
  initialPeriod?: string | undefined;
  onDone: (period: string) => void;
}) {
  const { t, lang } = useWarningsI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const quarters = useMemo(() => [1, 2, 3, 4].map((q) => `${year}-Q${q}`), [year]);
  const [period, setPeriod] = useState<string>(initialPeriod ?? quarters[0] ?? '');
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setPeriod(initialPeriod ?? quarters[0] ?? '');
      setKey(newIdempotencyKey());
      setError(null);
    }
  }, [open, initialPeriod, quarters]);
  const preview = useWarningPreview(open ? campaign : undefined, period);
  const evaluate = useEvaluateWarnings(campaign);

  const commit = () => {
    setError(null);
    evaluate.mutate(
      { idempotencyKey: key, period },
      {
        onSuccess: (res) => {
          message.success(
            t('warnings.eval.done', {
              period: quarterLabel(period, lang),
              raised: res.evaluation.raised,
              lifted: res.evaluation.lifted,
            }),
          );
          onDone(period);
        },
        onError: (e) => {
          if (!(e instanceof ApiError) || !isRetryable(e.status)) setKey(newIdempotencyKey());
          setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };

  const data = preview.data;
  const columns = [
    {
      title: '',
      dataIndex: 'change',
      width: 92,
      render: (c: WarningChangeKind) => <Tag color={CHANGE_COLORS[c]}>{t(`warnings.eval.change.${c}`)}</Tag>,
    },
    {
      title: t('warnings.col.unit'),
      render: (r: WarningPreviewRow) => (
        <Flex vertical>
          <Typography.Text strong>{r.unitName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.streetName ?? ''}
            {r.change === 'lift' && r.period !== period ? ` · ${quarterLabel(r.period, lang)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('warnings.col.level'),
      width: 100,
      render: (r: WarningPreviewRow) => (r.level ? <LevelTag level={r.level} /> : '—'),
    },
    {
      title: t('warnings.col.figures'),
      render: (r: WarningPreviewRow) =>
        r.level ? (
          <Figures
            w={{
              reasons: r.reasons,
              rank: r.rank ?? 0,
              total: r.total ?? 0,
              rate: r.rate,
              overdue: r.overdue ?? 0,
            }}
          />
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('warnings.scoreLine', {
              score: r.score === null ? '—' : format2(r.score),
              rank: r.rank ?? '—',
            })}
          </Typography.Text>
        ),
    },
  ];

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('warnings.eval.title')}
      okText={t('warnings.eval.commit')}
      onOk={commit}
      okButtonProps={{ disabled: !data, loading: evaluate.isPending }}
      width={isMobile ? '100%' : 760}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('warnings.eval.period')}</Typography.Text>
          <Select
            value={period}
            onChange={(v: string) => {
              setPeriod(v);
              setKey(newIdempotencyKey());
              setError(null);
            }}
            style={{ width: 180 }}
            aria-label={t('warnings.eval.period')}
            options={quarters.map((q) => ({ value: q, label: quarterLabel(q, lang) }))}
          />
        </Flex>
        {preview.isPending && <Loading minHeight={120} />}
        {preview.isError && (
          <Alert type="warning" showIcon title={errorMessage(preview.error, t('common.unknownError'))} />
        )}
        {data && (
          <>
            <Typography.Text type="secondary">{t('warnings.eval.hint', { asOf: data.asOf })}</Typography.Text>
            <Typography.Text>
              {t('warnings.eval.ranked', { count: data.ranked })} ·{' '}
              {t('warnings.eval.counts', {
                raise: data.counts.raise,
                update: data.counts.update,
                keep: data.counts.keep,
                lift: data.counts.lift,
              })}
            </Typography.Text>
            {data.rows.length === 0 ? (
              <Alert type="success" showIcon title={t('warnings.eval.nothing')} />
            ) : (
              <Table
                size="small"
                rowKey={(r) => `${r.change}-${r.unitCode}-${r.period}`}
                columns={columns}
                dataSource={data.rows}
                pagination={false}
                scroll={{ x: 560, y: 360 }}
                data-testid="evaluate-preview"
              />
            )}
          </>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Modal>
  );
}
