import { CheckCircleFilled, LockOutlined } from '@ant-design/icons';
import { hasAtMostOneDecimal } from '@wuxing/core/contest';
import { Alert, App, Button, Card, Collapse, Flex, InputNumber, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { JudgeContestSummaryView, JudgeContestView } from '../../api/types';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { isRetryable, newIdempotencyKey } from '../../components/idempotency';
import { type Clocked, useJudgeContests, useJudgeView, useSubmitScore } from './api';
import { useContestI18n } from './i18n';
import { countdownOf, Reconnecting, useLiveContest } from './parts';
import { formatCountdown, useCountdown } from './timer';
import './contests.css';

/** The contest a judge's page opens: the running one, else one being prepared, else the latest. */
function pickContest(rows: readonly JudgeContestSummaryView[]): string | undefined {
  return (
    rows.find((r) => r.status === 'running')?.code ??
    rows.find((r) => r.status === 'draft')?.code ??
    rows.find((r) => r.status === 'finished')?.code ??
    rows[0]?.code
  );
}

/**
 * A judge's phone page (`/judge`, 375 px first): the unit speaking now with its lot number, group and goals,
 * a score within the bounds with a stepper, submitted once after a confirmation and locked after; 已评 n / m;
 * a waiting state between speakers; 回避 for the judge's own unit. Live by Server-Sent Events.
 */
export function JudgePage() {
  const { t } = useContestI18n();
  const list = useJudgeContests();
  const [chosen, setChosen] = useState<string | undefined>();
  const code = chosen ?? (list.data ? pickContest(list.data.rows) : undefined);
  const view = useJudgeView(code);
  // The host unlocked one of my scores: a unit I had scored is no longer among my scores in the refetched view
  // (the live events name no judge — the public screen sees them too). Say so above the input that opens again.
  const [unlocked, setUnlocked] = useState<string | null>(null);
  const scoredBefore = useRef<{ code: string; units: Set<string> } | null>(null);
  const myScores = view.data?.myScores;
  useEffect(() => {
    if (!code || !myScores) return;
    const units = new Set(myScores.map((s) => s.unitCode));
    const before = scoredBefore.current;
    if (before?.code === code) {
      const gone = [...before.units].find((u) => !units.has(u));
      if (gone) setUnlocked(gone);
    }
    scoredBefore.current = { code, units };
  }, [code, myScores]);
  const { connected } = useLiveContest(code ?? '', Boolean(code));

  if (list.isPending || (code && view.isPending)) return <Loading minHeight={320} />;
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  if (!code) return <EmptyState description={t('judge.noContest')} />;
  if (view.isError) return <ErrorBox error={view.error} onRetry={() => view.refetch()} />;
  if (!view.data) return <Loading minHeight={320} />;
  const data = view.data;

  return (
    <Flex vertical gap={12} style={{ maxWidth: 560, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0, minWidth: 0 }}>
          {data.contest.name}
        </Typography.Title>
        <Tag
          color="red"
          style={{ fontSize: 14, padding: '2px 10px', marginInlineEnd: 0 }}
          data-testid="judge-count"
        >
          {t('judge.scoredCount', { scored: data.scoredCount, total: data.scorableCount })}
        </Tag>
      </Flex>
      {(list.data?.rows.length ?? 0) > 1 && (
        <Select
          value={code}
          onChange={setChosen}
          options={list.data?.rows.map((r) => ({ value: r.code, label: r.name }))}
          aria-label={t('contest.col.name')}
        />
      )}
      <Reconnecting connected={connected} />
      <JudgeBody code={code} view={data} unlocked={unlocked} />
    </Flex>
  );
}

function JudgeBody({
  code,
  view,
  unlocked,
}: {
  code: string;
  view: Clocked<JudgeContestView>;
  unlocked: string | null;
}) {
  const { t } = useContestI18n();
  const current = view.current;
  if (view.contest.status === 'finished' || view.contest.status === 'announced') {
    return (
      <Card>
        <EmptyState description={t('judge.finished')} />
      </Card>
    );
  }
  if (!current || current.state === 'waiting') {
    return (
      <Card>
        <EmptyState description={t('judge.waiting')} />
      </Card>
    );
  }
  return (
    <>
      <SpeakerCard view={view} />
      {/* Keyed by the unit: a new speaker starts with an empty input. */}
      <ScoreCard
        key={current.unitCode}
        code={code}
        view={view}
        // Shown only once the refetch has my score gone (another judge's unlock leaves mine in place).
        unlocked={unlocked === current.unitCode && view.currentUnit?.myScore == null}
      />
    </>
  );
}

/** The unit speaking: group, lot, name, the speech countdown, and its goals (folded). */
function SpeakerCard({ view }: { view: Clocked<JudgeContestView> }) {
  const { t } = useContestI18n();
  const current = view.current;
  const remaining = useCountdown(countdownOf(view.timer), view.clockOffsetMs);
  if (!current) return null;
  return (
    <Card size="small" styles={{ body: { padding: 14 } }}>
      <Flex vertical gap={6}>
        <Flex gap={6} wrap align="center">
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {current.groupName}
          </Tag>
          {current.lotOrder != null && (
            <Tag style={{ marginInlineEnd: 0 }}>{t('judge.lot', { lot: current.lotOrder })}</Tag>
          )}
          {view.timer.status !== 'idle' && (
            <span className="wx-judge-timer" style={{ marginInlineStart: 'auto' }}>
              {formatCountdown(remaining)}
            </span>
          )}
        </Flex>
        <div className="wx-judge-unit" data-testid="judge-speaker">
          {current.unitName}
        </div>
        <Collapse
          size="small"
          items={[
            {
              key: 'goals',
              label: t('judge.goals'),
              children: current.goals ? (
                <p className="wx-judge-goals">{current.goals}</p>
              ) : (
                <Typography.Text type="secondary">{t('contest.goals.none')}</Typography.Text>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

/** A judge's score as entered: one decimal (scores have at most one). */
const format1 = (score: number) => score.toFixed(1);

/** The score: the input and stepper, the confirm, and the locked view after. */
function ScoreCard({
  code,
  view,
  unlocked,
}: {
  code: string;
  view: Clocked<JudgeContestView>;
  unlocked: boolean;
}) {
  const { t } = useContestI18n();
  const { modal, message } = App.useApp();
  const submit = useSubmitScore(code);
  const current = view.current;
  const unit = view.currentUnit;
  const { min, max, step } = view.bounds;
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ unitCode: string; score: number; key: string } | null>(null);
  const unitCode = current?.unitCode ?? '';
  // After an unlock the old key names a score that no longer counts (the server answers 409): use a new one.
  useEffect(() => {
    if (unlocked) attempt.current = null;
  }, [unlocked]);

  const problem = useMemo(() => {
    if (value === null) return null;
    if (value < min || value > max) return t('judge.outOfBounds', { max });
    if (!hasAtMostOneDecimal(value)) return t('judge.oneDecimal');
    return null;
  }, [value, min, max, t]);

  if (!current || !unit) return null;
  if (unit.recused) {
    return <Alert type="warning" showIcon title={t('judge.recused')} data-testid="judge-recused" />;
  }
  if (unit.myScore !== null) {
    return (
      <Card data-testid="judge-locked">
        <Flex vertical align="center" gap={6}>
          <Typography.Text type="secondary">
            <LockOutlined /> {t('judge.locked')}
          </Typography.Text>
          <div className="wx-judge-locked">{format1(unit.myScore)}</div>
          <Typography.Text>
            <CheckCircleFilled style={{ color: '#389e0d' }} />{' '}
            {t('judge.submitted', { score: format1(unit.myScore) })}
          </Typography.Text>
        </Flex>
      </Card>
    );
  }
  if (current.state === 'closed') return <Alert type="warning" showIcon title={t('judge.closed')} />;
  if (!unit.canScore) {
    return (
      <Card>
        <EmptyState description={t('judge.waitingScoring', { unit: current.unitName })} />
      </Card>
    );
  }

  const bump = (delta: number) => {
    const next = Math.round(((value ?? max * 0.8) + delta) * 10) / 10;
    setValue(Math.min(max, Math.max(min, next)));
    setError(null);
  };
  const send = (score: number) => {
    // A retry of the same score after a lost answer reuses its key, so it can never count twice.
    const last = attempt.current;
    const key = last && last.unitCode === unitCode && last.score === score ? last.key : newIdempotencyKey();
    attempt.current = { unitCode, score, key };
    submit.mutate(
      { unitCode, score, idempotencyKey: key },
      {
        onSuccess: () => {
          attempt.current = null;
        },
        onError: (cause) => {
          if (!(cause instanceof ApiError && isRetryable(cause.status))) attempt.current = null;
          if (cause instanceof ApiError && cause.field === 'score') setError(cause.message);
          else void message.error(errorMessage(cause, t('common.unknownError')));
        },
      },
    );
  };
  const onSubmit = () => {
    if (value === null) {
      setError(t('judge.enterScore'));
      return;
    }
    if (problem) {
      setError(problem);
      return;
    }
    const score = value;
    modal.confirm({
      title: current.unitName,
      content: t('judge.confirm', { score: format1(score) }),
      okText: t('judge.confirmOk'),
      cancelText: t('contest.form.cancel'),
      centered: true,
      onOk: () => send(score),
    });
  };

  const shown = error ?? problem;
  return (
    <Card>
      <Flex vertical gap={12}>
        {unlocked && <Alert type="warning" showIcon title={t('judge.unlocked')} />}
        <Typography.Text strong>{t('judge.score', { max })}</Typography.Text>
        {/* No min/max on the input: an out-of-range entry stays as typed and is named below, never clamped. */}
        <InputNumber<number>
          className="wx-judge-score-input"
          value={value}
          onChange={(v) => {
            setValue(typeof v === 'number' ? v : null);
            setError(null);
          }}
          step={step}
          controls={false}
          inputMode="decimal"
          placeholder={`0–${max}`}
          aria-label={t('judge.scoreLabel')}
          status={shown ? 'error' : undefined}
          onPressEnter={onSubmit}
        />
        <Flex gap={8}>
          {[-1, -step, step, 1].map((delta) => (
            <Button
              key={delta}
              size="large"
              style={{ flex: 1 }}
              onClick={() => bump(delta)}
              aria-label={delta > 0 ? `+${delta}` : `${delta}`}
            >
              {delta > 0 ? `+${delta}` : `−${-delta}`}
            </Button>
          ))}
        </Flex>
        {shown && (
          <Typography.Text type="danger" role="alert">
            {shown}
          </Typography.Text>
        )}
        <Button type="primary" size="large" block onClick={onSubmit} loading={submit.isPending}>
          {t('judge.submit')}
        </Button>
      </Flex>
    </Card>
  );
}
