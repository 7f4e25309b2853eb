import {
  CheckCircleFilled,
  ClockCircleOutlined,
  DesktopOutlined,
  PauseOutlined,
  PlayCircleOutlined,
  RedoOutlined,
  SettingOutlined,
  StepForwardOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Row,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { ConsoleJudgeView, ConsoleView, ParticipantView, TimerAction } from '../../api/types';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { type Clocked, useConsole, useContestDetail, useHostActions } from './api';
import { useContestI18n } from './i18n';
import { ContestStatusTag, countdownOf, points, Reconnecting, UnitStateTag, useLiveContest } from './parts';
import { formatCountdown, useCountdown } from './timer';
import './contests.css';

type Actions = ReturnType<typeof useHostActions>;

/**
 * The host console (`/contests/:code/console`, desktop): who speaks, the countdown and its buttons, call the
 * next speaker, open scoring, the judges' ticks (who has scored, never the values), close the unit (forced
 * when judges are missing, naming them), unlock a judge's score with a reason, finish and announce.
 */
export function ConsolePage() {
  const { code = '' } = useParams();
  const { t } = useContestI18n();
  const navigate = useNavigate();
  const console = useConsole(code);
  const detail = useContestDetail(code);
  const actions = useHostActions(code);
  const { connected } = useLiveContest(code);
  const { modal, message } = App.useApp();

  if (console.isPending) return <Loading minHeight={400} />;
  if (console.isError) return <ErrorBox error={console.error} onRetry={() => console.refetch()} />;
  const view = console.data;
  const contest = view.contest;
  const fail = (cause: unknown) => void message.error(errorMessage(cause, t('common.unknownError')));
  const confirm = (content: string, run: () => void, danger = false) =>
    modal.confirm({
      title: contest.name,
      content,
      okText: t('console.confirmOk'),
      cancelText: t('contest.form.cancel'),
      okButtonProps: { danger },
      onOk: run,
    });
  const screenPath = detail.data?.screenPath;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={
          <Flex align="center" gap={10} wrap>
            {t('console.title')} · {contest.name}
            <ContestStatusTag status={contest.status} />
            <Reconnecting connected={connected} />
          </Flex>
        }
        subtitle={`${contest.code} · ${contest.date}`}
        extra={
          <>
            <Button
              icon={<SettingOutlined />}
              onClick={() => navigate(`/contests/${encodeURIComponent(code)}`)}
            >
              {t('contest.open')}
            </Button>
            {screenPath && (
              <Button icon={<DesktopOutlined />} href={screenPath} target="_blank" rel="noopener">
                {t('console.openScreen')}
              </Button>
            )}
            {contest.status === 'draft' && (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={actions.start.isPending}
                onClick={() =>
                  confirm(t('console.startConfirm'), () => actions.start.mutate(undefined, { onError: fail }))
                }
              >
                {t('console.start')}
              </Button>
            )}
            {contest.status === 'running' && (
              <Button
                loading={actions.finish.isPending}
                onClick={() =>
                  confirm(t('console.finishConfirm'), () =>
                    actions.finish.mutate(undefined, { onError: fail }),
                  )
                }
              >
                {t('console.finish')}
              </Button>
            )}
            {contest.status === 'finished' && (
              <Button
                type="primary"
                loading={actions.announce.isPending}
                onClick={() =>
                  confirm(
                    t('console.announceConfirm'),
                    () => actions.announce.mutate(undefined, { onError: fail }),
                    true,
                  )
                }
              >
                {t('console.announce')}
              </Button>
            )}
          </>
        }
      />
      {contest.status === 'draft' &&
        (detail.data?.checks.ready ? (
          <Alert type="success" showIcon title={t('console.readyHint')} />
        ) : (
          <Alert type="warning" showIcon title={t('console.draftHint')} />
        ))}
      {contest.status === 'finished' && <Alert type="warning" showIcon title={t('console.finishedHint')} />}
      {contest.status === 'announced' && <Alert type="success" showIcon title={t('console.announcedHint')} />}
      <ConsistencyFlags view={view} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <StageCard view={view} actions={actions} onError={fail} />
        </Col>
        <Col xs={24} xl={10}>
          <JudgesCard view={view} actions={actions} onError={fail} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <OrderCard view={view} actions={actions} onError={fail} />
        </Col>
        <Col xs={24} xl={10}>
          <RankingCard view={view} />
        </Col>
      </Row>
    </Flex>
  );
}

/** Judges the consistency check flags (far off the panel on many units), named for the host. */
function ConsistencyFlags({ view }: { view: ConsoleView }) {
  const { t } = useContestI18n();
  const flagged = view.consistency.rows.filter((r) => r.flagged);
  if (flagged.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('console.consistencyFlags', { names: flagged.map((r) => r.displayName).join('、') })}
      description={view.consistency.rule}
    />
  );
}

/** The current speaker, the countdown and the buttons that move the contest on. */
function StageCard({
  view,
  actions,
  onError,
}: {
  view: Clocked<ConsoleView>;
  actions: Actions;
  onError: (cause: unknown) => void;
}) {
  const { t } = useContestI18n();
  const { modal } = App.useApp();
  const remaining = useCountdown(countdownOf(view.timer), view.clockOffsetMs);
  const current = view.current;
  const running = view.contest.status === 'running';
  const timer = view.timer.status;
  const low = remaining < 60_000 && (timer === 'running' || timer === 'paused');
  const act = (action: TimerAction) => actions.timer.mutate(action, { onError });
  const missing = view.judges.filter((j) => !j.recused && !j.scored);

  const close = () => {
    if (!current) return;
    if (missing.length === 0) {
      actions.close.mutate({ unitCode: current.unitCode, force: false }, { onError });
      return;
    }
    modal.confirm({
      title: t('console.close'),
      content: t('console.closeConfirm', {
        count: missing.length,
        names: missing.map((j) => j.displayName).join('、'),
      }),
      okText: t('console.closeForce'),
      okButtonProps: { danger: true },
      cancelText: t('contest.form.cancel'),
      onOk: () => actions.close.mutate({ unitCode: current.unitCode, force: true }, { onError }),
    });
  };

  return (
    <Card title={t('console.current')} style={{ height: '100%' }}>
      <Flex vertical gap={16}>
        {current ? (
          <Flex justify="space-between" align="center" gap={16} wrap>
            <div style={{ minWidth: 0 }}>
              <Flex gap={6} wrap>
                <Tag color="red">{current.groupName}</Tag>
                {current.lotOrder != null && <Tag>{t('judge.lot', { lot: current.lotOrder })}</Tag>}
                <UnitStateTag state={current.state} />
              </Flex>
              <div className="wx-console-speaker" data-testid="console-speaker">
                {current.unitName}
              </div>
              <Typography.Text type="secondary">
                {t('console.scoredOf', { scored: view.scoredCount, total: view.juryCount })}
              </Typography.Text>
            </div>
            <div
              className={`wx-console-timer${low ? ' wx-low' : ''}`}
              role="timer"
              data-testid="console-timer"
            >
              {formatCountdown(remaining)}
            </div>
          </Flex>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 18 }}>
            {view.participants.length > 0 && view.participants.every((p) => p.state === 'closed')
              ? t('console.allDone')
              : t('console.none')}
          </Typography.Text>
        )}
        {running && (
          <>
            {current && current.state === 'speaking' && (
              <Flex gap={8} wrap className="wx-console-actions">
                {timer === 'idle' && (
                  <Button
                    size="large"
                    type="primary"
                    icon={<PlayCircleOutlined />}
                    onClick={() => act('start')}
                  >
                    {t('console.timer.start')}
                  </Button>
                )}
                {timer === 'running' && (
                  <Button size="large" icon={<PauseOutlined />} onClick={() => act('pause')}>
                    {t('console.timer.pause')}
                  </Button>
                )}
                {timer === 'paused' && (
                  <Button
                    size="large"
                    type="primary"
                    icon={<PlayCircleOutlined />}
                    onClick={() => act('resume')}
                  >
                    {t('console.timer.resume')}
                  </Button>
                )}
                {(timer === 'running' || timer === 'paused') && (
                  <Button size="large" icon={<StopOutlined />} onClick={() => act('end')}>
                    {t('console.timer.end')}
                  </Button>
                )}
                {timer !== 'idle' && (
                  <Button size="large" icon={<RedoOutlined />} onClick={() => act('reset')}>
                    {t('console.timer.reset')}
                  </Button>
                )}
              </Flex>
            )}
            <Flex gap={8} wrap className="wx-console-actions">
              {current?.state === 'speaking' && (
                <Button
                  size="large"
                  type="primary"
                  loading={actions.open.isPending}
                  onClick={() => actions.open.mutate(current.unitCode, { onError })}
                >
                  {t('console.openScoring')}
                </Button>
              )}
              {current?.state === 'scoring' && (
                <Tooltip title={view.scoredCount === 0 ? t('console.closeNone') : undefined}>
                  <Button
                    size="large"
                    type="primary"
                    danger={missing.length > 0}
                    disabled={view.scoredCount === 0}
                    loading={actions.close.isPending}
                    onClick={close}
                  >
                    {t('console.close')}
                  </Button>
                </Tooltip>
              )}
              {view.next && (!current || current.state === 'closed') && (
                <Button
                  size="large"
                  type="primary"
                  icon={<StepForwardOutlined />}
                  loading={actions.call.isPending}
                  onClick={() => actions.call.mutate(undefined, { onError })}
                >
                  {t('console.callNextName', { unit: view.next.unitName })}
                </Button>
              )}
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}

/** Each judge for the current unit: scored or not (never the values), 回避, and unlock with a reason. */
function JudgesCard({
  view,
  actions,
  onError,
}: {
  view: ConsoleView;
  actions: Actions;
  onError: (cause: unknown) => void;
}) {
  const { t } = useContestI18n();
  const [unlocking, setUnlocking] = useState<ConsoleJudgeView | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const current = view.current;
  const canUnlock =
    current !== null &&
    (current.state === 'scoring' || current.state === 'closed') &&
    view.contest.status !== 'announced';

  const submit = ({ reason }: { reason: string }) => {
    if (!current || !unlocking) return;
    actions.unlock.mutate(
      { unitCode: current.unitCode, judgeId: unlocking.userId, reason },
      {
        onSuccess: () => {
          setUnlocking(null);
          form.resetFields();
        },
        onError,
      },
    );
  };

  return (
    <Card
      title={t('console.judges')}
      extra={
        current ? (
          <Tag color="red">{t('console.scoredOf', { scored: view.scoredCount, total: view.juryCount })}</Tag>
        ) : null
      }
      style={{ height: '100%' }}
    >
      {current ? (
        <List
          dataSource={view.judges}
          data-testid="console-judges"
          renderItem={(judge) => (
            <List.Item
              data-testid={`console-judge-${judge.displayName}`}
              actions={
                judge.scored && canUnlock
                  ? [
                      <Button
                        key="unlock"
                        size="small"
                        icon={<UnlockOutlined />}
                        onClick={() => setUnlocking(judge)}
                      >
                        {t('console.unlock')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex align="center" gap={10}>
                {judge.recused ? (
                  <Tag>{t('console.recused')}</Tag>
                ) : judge.scored ? (
                  <CheckCircleFilled
                    style={{ color: '#389e0d', fontSize: 20 }}
                    aria-label={t('console.scored')}
                  />
                ) : (
                  <ClockCircleOutlined
                    style={{ color: '#bfbfbf', fontSize: 20 }}
                    aria-label={t('console.notScored')}
                  />
                )}
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {judge.displayName}
                </Typography.Text>
                {!judge.recused && (
                  <Typography.Text type={judge.scored ? 'success' : 'secondary'}>
                    {judge.scored ? t('console.scored') : t('console.notScored')}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('console.judgesIdle', { count: view.judges.length })}
        </Typography.Paragraph>
      )}
      <Modal
        open={unlocking !== null}
        title={t('console.unlockTitle', { name: unlocking?.displayName ?? '' })}
        okText={t('console.unlock')}
        cancelText={t('contest.form.cancel')}
        confirmLoading={actions.unlock.isPending}
        onOk={() => form.submit()}
        onCancel={() => setUnlocking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('console.unlockHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('console.unlockReason')}
            rules={[{ required: true, whitespace: true, message: t('console.unlockReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The speaking order by group and lot, with each unit's state; a waiting unit can be called out of turn. */
function OrderCard({
  view,
  actions,
  onError,
}: {
  view: ConsoleView;
  actions: Actions;
  onError: (cause: unknown) => void;
}) {
  const { t } = useContestI18n();
  const busy = view.current !== null && view.current.state !== 'closed';
  const running = view.contest.status === 'running';
  return (
    <Card title={t('console.order')} styles={{ body: { padding: 0 } }}>
      <Table<ParticipantView>
        size="small"
        rowKey="unitCode"
        dataSource={view.participants}
        pagination={view.participants.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: t('contest.col.group'), dataIndex: 'groupName', width: 120 },
          {
            title: t('contest.col.lot'),
            dataIndex: 'lotOrder',
            width: 90,
            render: (v: number | null) => v ?? '—',
          },
          { title: t('contest.col.unit'), dataIndex: 'unitName' },
          {
            title: t('contest.col.state'),
            dataIndex: 'state',
            width: 100,
            render: (_: unknown, row) => <UnitStateTag state={row.state} />,
          },
          {
            title: t('contest.results.total'),
            dataIndex: 'total',
            width: 90,
            align: 'right',
            render: (v: number | null) => points(v),
          },
          {
            key: 'call',
            width: 90,
            render: (_: unknown, row) =>
              running && row.state === 'waiting' && !busy ? (
                <Button size="small" onClick={() => actions.call.mutate(row.unitCode, { onError })}>
                  {t('console.call')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** Each group's live ranking of closed units. */
function RankingCard({ view }: { view: ConsoleView }) {
  const { t } = useContestI18n();
  return (
    <Card title={t('console.closed')} styles={{ body: { maxHeight: 640, overflowY: 'auto' } }}>
      <Flex vertical gap={16}>
        {view.ranking.map((group) => (
          <div key={group.groupCode}>
            <Typography.Text strong>
              {group.groupName} · {group.rows.length}/{group.unitCount}
            </Typography.Text>
            {group.rows.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('screen.noneClosed')}
              </Typography.Paragraph>
            ) : (
              <Table
                size="small"
                rowKey="unitCode"
                pagination={false}
                dataSource={group.rows}
                columns={[
                  { title: t('contest.results.rank'), dataIndex: 'rank', width: 60 },
                  { title: t('contest.col.unit'), dataIndex: 'unitName' },
                  { title: t('contest.results.jury'), dataIndex: 'jury', align: 'right', render: points },
                  { title: t('contest.results.total'), dataIndex: 'total', align: 'right', render: points },
                ]}
              />
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}
