import { ArrowLeftOutlined } from '@ant-design/icons';
import { format2 } from '@wuxing/core/rounding';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { AccountabilityKind, WarningDetailView, WarningView } from '../../api/types';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { isRetryable, newIdempotencyKey } from '../../components/idempotency';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useAddMeasure, useRecordTalk, useWarning } from '../../hooks/useWarnings';
import { useWarningsI18n } from './i18n';
import { Figures, LevelTag, quarterLabel, TalkTag, warningUrl } from './labels';
import './warnings.css';

interface TalkFields {
  kind: AccountabilityKind;
  talkedOn: Dayjs;
  talker: string;
  talkee: string;
  agreed: string;
  followUpOn?: Dayjs | null;
}

/** 提醒谈话、约谈、追责, in rising severity. */
const KINDS: readonly AccountabilityKind[] = ['reminder', 'summons', 'accountability'];

/**
 * 记录谈话与问责: the kind (提醒谈话, 约谈 or 追责), date, who with whom, what was said or decided, the follow-up
 * date; the labels follow the kind.
 */
function TalkForm({ campaign, warning }: { campaign: string; warning: WarningView }) {
  const { t } = useWarningsI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TalkFields>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const record = useRecordTalk(campaign, warning.id);
  const kind: AccountabilityKind = Form.useWatch('kind', form) ?? 'reminder';
  const raisedOn = dayjs(warning.raisedAt).startOf('day');
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('warnings.form.required', { field }) },
  ];

  const submit = (v: TalkFields) => {
    setError(null);
    record.mutate(
      {
        idempotencyKey: key,
        kind: v.kind,
        talkedOn: v.talkedOn.format('YYYY-MM-DD'),
        talker: v.talker,
        talkee: v.talkee,
        agreed: v.agreed,
        followUpOn: v.followUpOn ? v.followUpOn.format('YYYY-MM-DD') : null,
      },
      {
        onSuccess: () => {
          message.success(t('warnings.form.saved'));
          form.resetFields();
          setKey(newIdempotencyKey());
        },
        onError: (e) => {
          if (!(e instanceof ApiError) || !isRetryable(e.status)) setKey(newIdempotencyKey());
          setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };

  return (
    <Form<TalkFields>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'reminder', talkedOn: dayjs() }}
      requiredMark={false}
      data-testid="talk-form"
    >
      {(warning.talkStatus === 'pending' || warning.talkStatus === 'overdue') && (
        <Alert
          type={warning.talkStatus === 'overdue' ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('warnings.form.dueHint', { date: warning.talkDueOn })}
        />
      )}
      <Form.Item name="kind" label={t('warnings.form.kind')}>
        <Radio.Group
          optionType="button"
          options={KINDS.map((k) => ({ value: k, label: t(`warnings.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="talkedOn"
        label={t(`warnings.form.talkedOn.${kind}`)}
        rules={[
          {
            required: true,
            message: t('warnings.form.required', { field: t(`warnings.form.talkedOn.${kind}`) }),
          },
        ]}
      >
        <DatePicker
          style={{ width: '100%' }}
          inputReadOnly
          disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(raisedOn, 'day')}
        />
      </Form.Item>
      <Form.Item
        name="talker"
        label={t(`warnings.form.talker.${kind}`)}
        rules={required(t(`warnings.form.talker.${kind}`))}
      >
        <Input maxLength={100} placeholder={t('warnings.form.talkerPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="talkee"
        label={t(`warnings.form.talkee.${kind}`)}
        rules={required(t(`warnings.form.talkee.${kind}`))}
      >
        <Input maxLength={100} placeholder={t('warnings.form.talkeePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="agreed"
        label={t(`warnings.form.agreed.${kind}`)}
        rules={required(t(`warnings.form.agreed.${kind}`))}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('warnings.form.agreedPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="followUpOn" label={t('warnings.form.followUpOn')}>
        <DatePicker style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={record.isPending} block>
        {t('warnings.form.submit')}
      </Button>
    </Form>
  );
}

/** 帮扶措施: a note added to the warning. */
function MeasureForm({ campaign, warning }: { campaign: string; warning: WarningView }) {
  const { t } = useWarningsI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const add = useAddMeasure(campaign, warning.id);
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <Input.TextArea
        rows={2}
        value={text}
        maxLength={1000}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('warnings.measure.placeholder')}
        aria-label={t('warnings.measure.add')}
      />
      <Button
        disabled={!text.trim()}
        loading={add.isPending}
        onClick={() =>
          add.mutate(
            { idempotencyKey: key, text },
            {
              onSuccess: () => {
                message.success(t('warnings.measure.saved'));
                setText('');
                setKey(newIdempotencyKey());
              },
              onError: (e) => message.error(errorMessage(e, t('common.unknownError'))),
            },
          )
        }
      >
        {t('warnings.measure.add')}
      </Button>
    </Flex>
  );
}

const KIND_COLOR: Record<AccountabilityKind, string> = {
  reminder: 'blue',
  summons: 'orange',
  accountability: 'red',
};

function Talks({ detail }: { detail: WarningDetailView }) {
  const { t, lang } = useWarningsI18n();
  if (detail.talks.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.detail.noTalks')} />;
  return (
    <Flex vertical gap={12}>
      {detail.talks.map((k) => (
        <div key={k.id} className="wx-talk" data-testid="talk-record">
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{k.talkedOn}</Typography.Text>
            <Tag color={KIND_COLOR[k.kind]}>{t(`warnings.kind.${k.kind}`)}</Tag>
            <Typography.Text>
              {t(`warnings.detail.talkLine.${k.kind}`, { talker: k.talker, talkee: k.talkee })}
            </Typography.Text>
            {k.late && <Tag color="orange">{t('warnings.detail.lateTag')}</Tag>}
          </Flex>
          <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>
            {k.agreed}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {k.followUpOn ? `${t('warnings.detail.followUp', { date: k.followUpOn })} · ` : ''}
            {t('warnings.detail.recordedBy', {
              name: k.recordedByName,
              at: formatDateTime(k.recordedAt, lang),
            })}
          </Typography.Text>
        </div>
      ))}
    </Flex>
  );
}

/** One warning: the figures that triggered it, its reminder talks (with the form) and help measures. */
export function WarningDetailPage() {
  const { t, lang } = useWarningsI18n();
  const isMobile = useIsMobile();
  const { id } = useParams();
  const [params] = useSearchParams();
  const campaign = params.get('campaign') ?? '';
  const detail = useWarning(campaign || undefined, id);
  const back = (
    <Link to={`/warnings?campaign=${encodeURIComponent(campaign)}`}>
      <ArrowLeftOutlined /> {t('warnings.detail.back')}
    </Link>
  );
  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return (
      <>
        {back}
        <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />
      </>
    );
  const d = detail.data;
  const w = d.warning;
  const canTalk = w.can.followUp;
  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{w.unitName}</span>
            <LevelTag level={w.level} />
          </Flex>
        }
        subtitle={`${w.streetName ?? ''} · ${quarterLabel(w.period, lang)}${w.status === 'lifted' ? ` · ${t('warnings.status.lifted')}` : ''}`}
      />
      {w.status === 'lifted' && w.liftReason && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('warnings.lifted', {
            date: formatDateTime(w.liftedAt, lang).slice(0, 10),
            reason: w.liftReason,
          })}
        />
      )}
      <Flex gap={12} vertical={isMobile} align="flex-start">
        <Flex vertical gap={12} style={{ flex: 1, minWidth: 0, width: '100%' }}>
          <Card size="small" title={t('warnings.detail.figures')}>
            <Figures w={w} />
            <Descriptions
              size="small"
              column={isMobile ? 1 : 2}
              style={{ marginTop: 8 }}
              items={[
                {
                  key: 'rank',
                  label: t('warnings.detail.rank'),
                  children: (
                    <span>
                      {t('warnings.detail.rankValue', { rank: w.rank, total: w.total })}
                      {w.bottomCutoffRank !== null && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {' '}
                          （{t('warnings.detail.cutoff', { cutoff: w.bottomCutoffRank })}）
                        </Typography.Text>
                      )}
                    </span>
                  ),
                },
                { key: 'score', label: t('warnings.detail.score'), children: format2(w.score) },
                {
                  key: 'rate',
                  label: t('warnings.detail.rate'),
                  children: w.rate === null ? '—' : `${format2(w.rate)}%`,
                },
                { key: 'overdue', label: t('warnings.detail.overdue'), children: w.overdue },
                {
                  key: 'raised',
                  label: t('warnings.detail.raisedAt'),
                  children: formatDateTime(w.raisedAt, lang),
                },
                {
                  key: 'due',
                  label: t('warnings.detail.talkDue'),
                  children: (
                    <Flex gap={6} wrap align="center">
                      <span>{w.talkDueOn}</span>
                      <TalkTag w={w} />
                    </Flex>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('warnings.detail.talks')}>
            <Talks detail={d} />
          </Card>
          <Card size="small" title={t('warnings.detail.measures')}>
            {d.measures.length === 0 ? (
              <Typography.Text type="secondary">{t('warnings.detail.noMeasures')}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {d.measures.map((m) => (
                  <div key={m.id}>
                    <Typography.Paragraph style={{ margin: 0 }}>{m.text}</Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('warnings.detail.recordedBy', {
                        name: m.recordedByName,
                        at: formatDateTime(m.recordedAt, lang),
                      })}
                    </Typography.Text>
                  </div>
                ))}
              </Flex>
            )}
            {canTalk && <MeasureForm campaign={campaign} warning={w} />}
          </Card>
          {d.history.length > 0 && (
            <Card size="small" title={t('warnings.detail.history')}>
              <Flex vertical gap={6}>
                {d.history.map((h) => (
                  <Flex key={h.id} gap={8} align="center" wrap>
                    <Link to={warningUrl(h.campaignCode, h.id)}>{quarterLabel(h.period, lang)}</Link>
                    <LevelTag level={h.level} />
                    <TalkTag w={h} />
                    {h.status === 'lifted' && (
                      <Typography.Text type="secondary">{t('warnings.status.lifted')}</Typography.Text>
                    )}
                  </Flex>
                ))}
              </Flex>
            </Card>
          )}
        </Flex>
        {canTalk && (
          <Card
            size="small"
            title={t('warnings.form.title')}
            style={{ width: isMobile ? '100%' : 380, flexShrink: 0 }}
          >
            <TalkForm campaign={campaign} warning={w} />
          </Card>
        )}
      </Flex>
    </>
  );
}
