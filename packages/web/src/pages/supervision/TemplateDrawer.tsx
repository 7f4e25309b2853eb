import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Input, InputNumber, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SheetRule, SheetTemplateBody, SheetTemplateView, StarView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useSaveTemplate } from '../../hooks/useRounds';
import { useI18n } from '../../i18n';

interface Draft {
  key: string;
  star: string;
  code: string;
  name: string;
  max: number | null;
  guidance: string;
}

let counter = 0;
const draftKey = () => `new-${++counter}`;

/** A line code not yet used in the draft: `<star>-<n>`. */
function freeCode(lines: readonly Draft[], star: string): string {
  const taken = new Set(lines.map((l) => l.code));
  let n = lines.filter((l) => l.star === star).length + 1;
  while (taken.has(`${star}-${n}`)) n += 1;
  return `${star}-${n}`;
}

/**
 * One scoring-sheet template (评分表): its lines grouped by star with their max and guidance (评分细则), and
 * the rule for several scorers. The district admin edits it until a sheet has been submitted on it.
 */
export function TemplateDrawer({
  template,
  campaign,
  stars,
  editable,
  onClose,
}: {
  template: SheetTemplateView | null;
  campaign: string;
  stars: readonly StarView[];
  editable: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const save = useSaveTemplate(campaign);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [rule, setRule] = useState<SheetRule>('mean');
  const [lines, setLines] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!template) return;
    setEditing(false);
    setError(null);
    setName(template.name);
    setRule(template.rule);
    setLines(
      template.lines.map((l) => ({
        key: l.id,
        star: l.star,
        code: l.code,
        name: l.name,
        max: l.max,
        guidance: l.guidance ?? '',
      })),
    );
  }, [template]);

  if (!template) return <Drawer open={false} onClose={onClose} />;
  const canEdit = editable && !template.frozen;
  const starName = (code: string) => stars.find((s) => s.code === code)?.name ?? code;
  const starOrder = [
    ...stars.map((s) => s.code),
    ...new Set(lines.map((l) => l.star).filter((s) => !stars.some((x) => x.code === s))),
  ];
  const patch = (key: string, change: Partial<Draft>) =>
    setLines((list) => list.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const onSave = () => {
    setError(null);
    const bad = lines.find((l) => !l.name.trim() || !l.max || l.max <= 0);
    if (bad) {
      setError(t('supervision.template.lineInvalid', { star: starName(bad.star), code: bad.code }));
      return;
    }
    if (lines.length === 0) {
      setError(t('supervision.template.noLines'));
      return;
    }
    const body: SheetTemplateBody['lines'] = lines.map((l) => ({
      star: l.star,
      code: l.code,
      name: l.name.trim(),
      max: l.max ?? 0,
      guidance: l.guidance.trim() ? l.guidance.trim() : null,
    }));
    save.mutate(
      {
        code: template.code,
        body: { code: template.code, name: name.trim(), module: template.module, rule, lines: body },
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          setEditing(false);
        },
        onError: (e) => setError(errorMessage(e, t('common.unknownError'))),
      },
    );
  };

  const section = (star: string) => {
    const rows = lines.filter((l) => l.star === star);
    if (rows.length === 0 && !editing) return null;
    const total = rows.reduce((s, l) => s + (l.max ?? 0), 0);
    return (
      <div key={star} style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="baseline" style={{ marginBottom: 6 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {starName(star)}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('supervision.template.starTotal', { count: rows.length, total: formatNumber(total) })}
          </Typography.Text>
        </Flex>
        <Table<Draft>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          scroll={isMobile ? { x: 'max-content' } : undefined}
          columns={[
            {
              title: t('supervision.template.line'),
              key: 'name',
              width: editing ? 200 : 180,
              render: (_, l) =>
                editing ? (
                  <Input
                    value={l.name}
                    maxLength={100}
                    aria-label={t('supervision.template.line')}
                    onChange={(e) => patch(l.key, { name: e.target.value })}
                  />
                ) : (
                  <Typography.Text strong>{l.name}</Typography.Text>
                ),
            },
            {
              title: t('supervision.template.max'),
              key: 'max',
              width: 90,
              align: 'right',
              render: (_, l) =>
                editing ? (
                  <InputNumber
                    value={l.max}
                    min={0.5}
                    max={1000}
                    style={{ width: 76 }}
                    aria-label={t('supervision.template.max')}
                    onChange={(v) => patch(l.key, { max: v })}
                  />
                ) : (
                  formatNumber(l.max ?? 0)
                ),
            },
            {
              title: t('supervision.template.guidance'),
              key: 'guidance',
              render: (_, l) =>
                editing ? (
                  <Input.TextArea
                    value={l.guidance}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={1000}
                    aria-label={t('supervision.template.guidance')}
                    onChange={(e) => patch(l.key, { guidance: e.target.value })}
                    style={{ minWidth: 200 }}
                  />
                ) : (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {l.guidance || '—'}
                  </Typography.Text>
                ),
            },
            ...(editing
              ? [
                  {
                    title: '',
                    key: 'remove',
                    width: 44,
                    render: (_: unknown, l: Draft) => (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('supervision.template.removeLine', { name: l.name })}
                        onClick={() => setLines((list) => list.filter((x) => x.key !== l.key))}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
        {editing && (
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            style={{ marginTop: 6 }}
            onClick={() =>
              setLines((list) => [
                ...list,
                { key: draftKey(), star, code: freeCode(list, star), name: '', max: 25, guidance: '' },
              ])
            }
          >
            {t('supervision.template.addLine')}
          </Button>
        )}
      </div>
    );
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={isMobile ? '100%' : 820}
      title={
        editing ? (
          <Input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            aria-label={t('supervision.template.name')}
            style={{ maxWidth: 360 }}
          />
        ) : (
          template.name
        )
      }
      extra={
        canEdit &&
        (editing ? (
          <Flex gap={8}>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={onSave}>
              {t('common.save')}
            </Button>
          </Flex>
        ) : (
          <Button type="primary" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ))
      }
    >
      <Flex vertical gap={12}>
        {template.frozen && (
          <Alert
            type="info"
            showIcon
            icon={<LockOutlined />}
            title={t('supervision.template.frozen')}
            description={t('supervision.template.frozenHint', { rounds: template.roundCount })}
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
        <Flex gap={12} wrap align="center">
          <Typography.Text type="secondary">
            {t('supervision.template.facts', {
              code: template.code,
              module: template.module,
              count: lines.length,
            })}
          </Typography.Text>
          <Flex gap={6} align="center">
            <Typography.Text>{t('supervision.template.rule')}</Typography.Text>
            {editing ? (
              <Select<SheetRule>
                value={rule}
                onChange={setRule}
                style={{ width: 260 }}
                popupMatchSelectWidth={false}
                options={(['mean', 'trimmed'] as const).map((r) => ({
                  value: r,
                  label: t(`supervision.rule.${r}`),
                }))}
              />
            ) : (
              <Typography.Text strong>{t(`supervision.rule.${rule}`)}</Typography.Text>
            )}
          </Flex>
        </Flex>
        <div>{starOrder.map(section)}</div>
      </Flex>
    </Drawer>
  );
}
