import {
  ArrowLeftOutlined,
  DragOutlined,
  EditOutlined,
  FormOutlined,
  HistoryOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Flex, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { UnitDetailView, UnitHistoryEntry, UnitView } from '../../api/types';
import { can } from '../../auth/permissions';
import { DemoTag } from '../../components/Brand';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { UnitTypeTag } from '../../components/Labels';
import { CHILD_TYPES, type UnitIndex } from '../../components/unitTree';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnitDetail } from '../../hooks/useUnits';
import { type Translate, useI18n } from '../../i18n';
import { CONTEST_TYPES, CreateUnitModal, EditUnitModal, MoveUnitModal } from './UnitDialogs';

const HISTORY_COLORS: Record<UnitHistoryEntry['change'], string> = {
  created: 'green',
  renamed: 'blue',
  moved: 'orange',
  updated: 'gray',
  imported: 'purple',
};

function historyText(entry: UnitHistoryEntry, t: Translate): string {
  const actor = entry.actorName ?? t('units.history.system');
  const verb = t(`units.history.${entry.change}`);
  if (entry.from && entry.to)
    return t('units.history.fromTo', { actor, verb, from: entry.from, to: entry.to });
  if (entry.to) return t('units.history.to', { actor, verb, to: entry.to });
  return t('units.history.plain', { actor, verb });
}

type Dialog = 'create' | 'rename' | 'edit' | 'move' | null;

/** Details of one unit: facts, direct children, change history, and the actions the user may take. */
export function UnitDetailPanel({
  unitId,
  index,
  onSelect,
  onBack,
}: {
  unitId: string;
  index: UnitIndex;
  onSelect: (id: string) => void;
  onBack?: () => void;
}) {
  const { t, lang } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const detail = useUnitDetail(unitId);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (detail.isPending)
    return (
      <Card>
        <Loading />
      </Card>
    );
  if (detail.isError) {
    return (
      <Card>
        {onBack && (
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 12 }}>
            {t('units.backToTree')}
          </Button>
        )}
        <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />
      </Card>
    );
  }
  const unit: UnitDetailView = detail.data;
  // The server's path may or may not end with the unit itself; the ancestors are what we show.
  const ancestors = unit.path.filter((p) => p.id !== unit.id);
  const listed: UnitView = index.byId.get(unit.id) ?? unit;
  const children = index.children.get(unit.id) ?? [];
  const editable = can.editUnit(user, unit);
  const allowedTypes = can.childTypesFor(user.role);
  const childTypes = CHILD_TYPES[unit.type].filter(
    (type) => allowedTypes === 'any' || allowedTypes.includes(type),
  );
  const canAddChild = childTypes.length > 0;
  const canMove = can.moveUnit(user, unit) && unit.parentId !== null && unit.type !== 'district';
  const allowGroup = can.editContestGroup(user.role) && CONTEST_TYPES.includes(unit.type);
  const history = [...unit.history].sort((a, b) => b.at.localeCompare(a.at));

  const actions = (
    <Flex wrap gap={8}>
      {canAddChild && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
          {t('units.addChild')}
        </Button>
      )}
      {editable && (
        <Button icon={<EditOutlined />} onClick={() => setDialog('rename')}>
          {t('units.rename')}
        </Button>
      )}
      {editable && (
        <Button icon={<FormOutlined />} onClick={() => setDialog('edit')}>
          {allowGroup ? t('units.edit') : t('units.editWeight')}
        </Button>
      )}
      {canMove && (
        <Button icon={<DragOutlined />} onClick={() => setDialog('move')}>
          {t('units.move')}
        </Button>
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={8} wrap style={{ padding: '8px 0' }}>
            {onBack && (
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={onBack}
                aria-label={t('units.backToTree')}
              />
            )}
            <span style={{ whiteSpace: 'normal' }}>{unit.name}</span>
            <UnitTypeTag type={unit.type} />
            {unit.demo && <DemoTag subtle />}
          </Flex>
        }
      >
        {ancestors.length > 0 && (
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[...ancestors, { id: unit.id, code: unit.code, name: unit.name }].map((p, i, all) => ({
              key: p.id,
              title:
                i < all.length - 1 && index.byId.has(p.id) ? (
                  <Typography.Link onClick={() => onSelect(p.id)}>{p.name}</Typography.Link>
                ) : (
                  p.name
                ),
            }))}
          />
        )}
        <Descriptions
          bordered
          size="small"
          column={isMobile ? 1 : 2}
          styles={{ label: { width: isMobile ? 96 : 120, whiteSpace: 'nowrap' } }}
          items={[
            {
              key: 'code',
              label: t('units.field.code'),
              children: <Typography.Text copyable>{unit.code}</Typography.Text>,
            },
            { key: 'type', label: t('units.field.type'), children: t(`unitType.${unit.type}`) },
            {
              key: 'parent',
              label: t('units.field.parentPath'),
              span: isMobile ? 1 : 2,
              children: ancestors.length > 0 ? ancestors.map((p) => p.name).join(' / ') : t('units.topLevel'),
            },
            { key: 'weight', label: t('units.field.weight'), children: formatNumber(unit.weight) },
            {
              key: 'group',
              label: t('units.field.contestGroup'),
              children: unit.contestGroupName ?? t('common.none'),
            },
            { key: 'children', label: t('units.field.childCount'), children: listed.childCount },
            {
              key: 'updated',
              label: t('units.field.updatedAt'),
              children: formatDateTime(unit.updatedAt, lang),
            },
          ]}
        />
        {(canAddChild || editable || canMove) && <div style={{ marginTop: 16 }}>{actions}</div>}
      </Card>

      {children.length > 0 && (
        <Card title={t('units.children', { count: children.length })} size="small">
          <Table<UnitView>
            size="small"
            rowKey="id"
            dataSource={children}
            pagination={
              children.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false
            }
            scroll={{ x: 'max-content' }}
            onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('units.field.name'),
                dataIndex: 'name',
                render: (v: string) => <Typography.Link>{v}</Typography.Link>,
              },
              { title: t('units.field.code'), dataIndex: 'code' },
              {
                title: t('units.field.type'),
                dataIndex: 'type',
                render: (_, row) => <UnitTypeTag type={row.type} />,
              },
              {
                title: t('units.field.weight'),
                dataIndex: 'weight',
                align: 'right',
                render: (v: number) => formatNumber(v),
              },
              ...(isMobile
                ? []
                : [{ title: t('units.field.childCount'), dataIndex: 'childCount', align: 'right' as const }]),
            ]}
          />
        </Card>
      )}

      <Card
        size="small"
        title={
          <Flex align="center" gap={8}>
            <HistoryOutlined />
            {t('units.history.title')}
          </Flex>
        }
      >
        {history.length === 0 ? (
          <EmptyState description={t('units.history.empty')} />
        ) : (
          <Timeline
            style={{ marginTop: 8 }}
            items={history.map((entry, i) => ({
              key: `${entry.at}-${i}`,
              color: HISTORY_COLORS[entry.change],
              content: (
                <Flex vertical>
                  <Typography.Text>{historyText(entry, t)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(entry.at, lang)}
                  </Typography.Text>
                </Flex>
              ),
            }))}
          />
        )}
      </Card>

      {canAddChild && (
        <CreateUnitModal
          parent={unit}
          types={childTypes}
          open={dialog === 'create'}
          onClose={() => setDialog(null)}
          onCreated={(created) => {
            setDialog(null);
            onSelect(created.id);
          }}
          allowContestGroup={allowGroup}
        />
      )}
      {editable && (
        <EditUnitModal
          unit={unit}
          mode={dialog === 'edit' ? 'edit' : 'rename'}
          open={dialog === 'rename' || dialog === 'edit'}
          onClose={() => setDialog(null)}
          allowContestGroup={allowGroup}
        />
      )}
      {canMove && (
        <MoveUnitModal unit={unit} index={index} open={dialog === 'move'} onClose={() => setDialog(null)} />
      )}
    </Flex>
  );
}
