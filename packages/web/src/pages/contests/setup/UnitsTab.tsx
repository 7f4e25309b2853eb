import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { drawLots } from '@wuxing/core/contest';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ContestDetailView, ParticipantView } from '../../../api/types';
import { errorMessage } from '../../../components/Feedback';
import { formatDateTime } from '../../../components/format';
import { useDrawLots, useSaveGoals } from '../api';
import { useContestI18n } from '../i18n';
import { UnitStateTag } from '../parts';

/** The published order per group (unit codes by lot), to compare with a recomputation. */
function publishedOrder(participants: readonly ParticipantView[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const sorted = [...participants].sort((a, b) => (a.lotOrder ?? 0) - (b.lotOrder ?? 0));
  for (const p of sorted) {
    const codes = out[p.groupCode] ?? [];
    codes.push(p.unitCode);
    out[p.groupCode] = codes;
  }
  return out;
}

/** Recomputes the order from the seed in this browser (core drawLots) and counts the units placed differently. */
function verify(view: ContestDetailView): number {
  const seed = view.lots.seed ?? '';
  const recomputed = drawLots(seed, view.lots.unitCodesPerGroup);
  const published = publishedOrder(view.participants);
  let differ = 0;
  for (const [group, codes] of Object.entries(published)) {
    const again = recomputed[group] ?? [];
    codes.forEach((code, i) => {
      if (again[i] !== code) differ += 1;
    });
  }
  return differ;
}

/** 参赛单位与抽签: the lots (seed, time, 复核, redraw while draft) and each unit's goals and state. */
export function UnitsTab({ view }: { view: ContestDetailView }) {
  const { t, lang } = useContestI18n();
  const { modal, message } = App.useApp();
  const code = view.contest.code;
  const draw = useDrawLots(code);
  const [seed, setSeed] = useState('');
  const [checked, setChecked] = useState<{ seed: string; differ: number } | null>(null);
  const [editing, setEditing] = useState<ParticipantView | null>(null);
  const draft = view.contest.status === 'draft';
  const lots = view.lots;

  const run = () =>
    draw.mutate(seed.trim() || undefined, {
      onSuccess: () => {
        setChecked(null);
        setSeed('');
        void message.success(t('contest.lots.drawn'));
      },
      onError: (cause) => void message.error(errorMessage(cause, t('common.unknownError'))),
    });
  const onDraw = () => {
    if (!lots.drawn) {
      run();
      return;
    }
    modal.confirm({
      title: t('contest.lots.redraw'),
      content: t('contest.lots.confirmRedraw'),
      okText: t('contest.lots.redraw'),
      cancelText: t('contest.form.cancel'),
      onOk: run,
    });
  };

  const rows = [...view.participants].sort((a, b) => {
    const ga = view.groups.find((g) => g.code === a.groupCode)?.order ?? 0;
    const gb = view.groups.find((g) => g.code === b.groupCode)?.order ?? 0;
    return ga - gb || (a.lotOrder ?? 999) - (b.lotOrder ?? 999) || a.unitCode.localeCompare(b.unitCode);
  });

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('contest.lots.title')}
        </Typography.Title>
        {lots.drawn ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'seed',
                label: t('contest.lots.seed'),
                children: (
                  <Typography.Text code copyable data-testid="lots-seed">
                    {lots.seed}
                  </Typography.Text>
                ),
              },
              {
                key: 'at',
                label: t('contest.lots.drawnAt'),
                children: `${formatDateTime(lots.drawnAt, lang)}${lots.drawnByName ? ` · ${lots.drawnByName}` : ''}`,
              },
              {
                key: 'verify',
                label: t('contest.lots.verify'),
                children: (
                  <Button
                    size="small"
                    icon={<SafetyCertificateOutlined />}
                    onClick={() => setChecked({ seed: lots.seed ?? '', differ: verify(view) })}
                  >
                    {t('contest.lots.verify')}
                  </Button>
                ),
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('contest.lots.none')}</Typography.Text>
        )}
        {checked && (
          <Alert
            type={checked.differ === 0 ? 'success' : 'error'}
            showIcon
            title={
              checked.differ === 0
                ? t('contest.lots.verifyOk', { seed: checked.seed })
                : t('contest.lots.verifyBad', { count: checked.differ })
            }
            data-testid="lots-verify"
          />
        )}
        {draft ? (
          <Space.Compact style={{ maxWidth: 480 }}>
            <Input
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              placeholder={t('contest.lots.seedPlaceholder')}
              aria-label={t('contest.lots.seed')}
              maxLength={64}
            />
            <Button type="primary" loading={draw.isPending} onClick={onDraw}>
              {lots.drawn ? t('contest.lots.redraw') : t('contest.lots.draw')}
            </Button>
          </Space.Compact>
        ) : (
          <Typography.Text type="secondary">{t('contest.lots.locked')}</Typography.Text>
        )}
      </Flex>
      <Table<ParticipantView>
        size="small"
        rowKey="unitCode"
        dataSource={rows}
        pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        scroll={{ x: 800 }}
        columns={[
          { title: t('contest.col.group'), dataIndex: 'groupName', width: 150 },
          {
            title: t('contest.col.lot'),
            dataIndex: 'lotOrder',
            width: 90,
            render: (v: number | null) => v ?? '—',
          },
          {
            title: t('contest.col.unit'),
            dataIndex: 'unitName',
            width: 220,
            render: (name: string, row) => (
              <Flex vertical>
                <span>{name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.unitCode}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('contest.col.goals'),
            dataIndex: 'goals',
            render: (goals: string, row) => (
              <Flex align="flex-start" gap={6}>
                <Typography.Paragraph
                  ellipsis={{ rows: 2 }}
                  type={goals ? undefined : 'secondary'}
                  style={{ margin: 0, flex: 1 }}
                >
                  {goals || t('contest.goals.none')}
                </Typography.Paragraph>
                {view.contest.status !== 'announced' && (
                  <Button
                    size="small"
                    type="text"
                    icon={<EditOutlined />}
                    aria-label={t('contest.goals.edit')}
                    onClick={() => setEditing(row)}
                  />
                )}
              </Flex>
            ),
          },
          {
            title: t('contest.col.state'),
            dataIndex: 'state',
            width: 90,
            render: (_: unknown, row) => <UnitStateTag state={row.state} />,
          },
        ]}
      />
      <GoalsModal code={code} unit={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

/** Edits a unit's 季度重点工作目标 (what the jury reads). */
function GoalsModal({
  code,
  unit,
  onClose,
}: {
  code: string;
  unit: ParticipantView | null;
  onClose: () => void;
}) {
  const { t } = useContestI18n();
  const { message } = App.useApp();
  const save = useSaveGoals(code);
  const [form] = Form.useForm<{ goals: string }>();
  return (
    <Modal
      open={unit !== null}
      title={unit ? t('contest.goals.title', { unit: unit.unitName }) : ''}
      okText={t('contest.goals.save')}
      cancelText={t('contest.form.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ goals: unit?.goals ?? '' }}
        onFinish={({ goals }) =>
          unit &&
          save.mutate(
            { unitCode: unit.unitCode, goals },
            {
              onSuccess: () => {
                void message.success(t('contest.form.saved'));
                onClose();
              },
              onError: (cause) => void message.error(errorMessage(cause, t('common.unknownError'))),
            },
          )
        }
      >
        <Form.Item name="goals" label={t('contest.col.goals')}>
          <Input.TextArea rows={8} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
