import { Alert, App, Button, Flex, Input, Modal, Select, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { RoundDetailView, RoundUnitView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useReplaceAssignments } from '../../hooks/useRounds';
import { useUser } from '../../hooks/useSession';
import { useUsers } from '../../hooks/useUsers';
import { useI18n } from '../../i18n';

type Assignment = Record<string, string[]>;

/**
 * 调整分工: who scores which unit of a round. Inspectors can be set for a whole street at once, then
 * adjusted unit by unit. The district admin picks from every inspector; a street admin from those already
 * in the round and themselves.
 */
export function AssignmentsModal({
  open,
  onClose,
  detail,
}: {
  open: boolean;
  onClose: () => void;
  detail: RoundDetailView;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const isMobile = useIsMobile();
  const isDistrict = user.role === 'district_admin';
  const users = useUsers(open && isDistrict);
  const save = useReplaceAssignments(detail.round.id);
  const [value, setValue] = useState<Assignment>({});
  const [streetPick, setStreetPick] = useState<string | undefined>();
  const [streetPeople, setStreetPeople] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setValue(Object.fromEntries(detail.units.map((u) => [u.unitCode, u.inspectors.map((i) => i.username)])));
    setStreetPick(undefined);
    setStreetPeople([]);
    setFilter('');
    setError(null);
  }, [open, detail]);

  const people = useMemo(() => {
    const names = new Map<string, string>();
    if (isDistrict)
      for (const u of users.data ?? [])
        if ((u.role === 'inspector' || u.role === 'street_admin') && !u.disabled)
          names.set(u.username, u.displayName);
    for (const unit of detail.units) for (const i of unit.inspectors) names.set(i.username, i.name);
    if (!isDistrict) names.set(user.username, user.displayName);
    return [...names].map(([value, label]) => ({ value, label }));
  }, [isDistrict, users.data, detail.units, user.username, user.displayName]);

  const streets = useMemo(() => {
    const map = new Map<string, string>();
    for (const u of detail.units) if (u.streetCode) map.set(u.streetCode, u.streetName ?? u.streetCode);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [detail.units]);

  const shown = detail.units.filter(
    (u) => !filter || u.unitName.includes(filter) || (u.streetName ?? '').includes(filter),
  );

  const applyStreet = () => {
    if (!streetPick) return;
    setValue((v) => {
      const next = { ...v };
      for (const u of detail.units) if (u.streetCode === streetPick) next[u.unitCode] = [...streetPeople];
      return next;
    });
  };

  const onSave = () => {
    setError(null);
    const assignments = Object.entries(value).flatMap(([unitCode, list]) =>
      list.map((username) => ({ unitCode, username })),
    );
    save.mutate(
      { assignments },
      {
        onSuccess: () => {
          message.success(t('supervision.assign.saved', { count: assignments.length }));
          onClose();
        },
        onError: (e) => setError(errorMessage(e, t('common.unknownError'))),
      },
    );
  };

  const unassigned = detail.units.filter((u) => (value[u.unitCode] ?? []).length === 0).length;
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={onSave}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      title={t('supervision.assign.title', { name: detail.round.name })}
      width={isMobile ? '100%' : 820}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('supervision.assign.hint')}</Typography.Text>
        <Flex gap={8} wrap align="center" style={{ background: '#fafafa', padding: 8, borderRadius: 6 }}>
          <Typography.Text>{t('supervision.assign.byStreet')}</Typography.Text>
          <Select
            value={streetPick}
            onChange={setStreetPick}
            placeholder={t('supervision.assign.pickStreet')}
            options={streets}
            style={{ width: isMobile ? '100%' : 150 }}
          />
          <Select
            mode="multiple"
            value={streetPeople}
            onChange={setStreetPeople}
            placeholder={t('supervision.assign.pickPeople')}
            options={people}
            optionFilterProp="label"
            loading={users.isPending && isDistrict}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button onClick={applyStreet} disabled={!streetPick}>
            {t('supervision.assign.apply')}
          </Button>
        </Flex>
        <Flex justify="space-between" gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('supervision.assign.filter')}
            onChange={(e) => setFilter(e.target.value.trim())}
            style={{ width: isMobile ? '100%' : 240 }}
          />
          {unassigned > 0 && (
            <Typography.Text type="warning">
              {t('supervision.assign.unassigned', { count: unassigned })}
            </Typography.Text>
          )}
        </Flex>
        <Table<RoundUnitView>
          size="small"
          rowKey="unitCode"
          dataSource={shown}
          pagination={false}
          scroll={{ y: 360 }}
          columns={[
            {
              title: t('supervision.units.unit'),
              key: 'unit',
              width: isMobile ? 110 : 180,
              render: (_, u) => (
                <Flex vertical>
                  <span>{u.unitName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.streetName}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('supervision.units.inspectors'),
              key: 'people',
              render: (_, u) => (
                <Select
                  mode="multiple"
                  value={value[u.unitCode] ?? []}
                  onChange={(list: string[]) => setValue((v) => ({ ...v, [u.unitCode]: list }))}
                  options={people}
                  optionFilterProp="label"
                  aria-label={t('supervision.assign.forUnit', { unit: u.unitName })}
                  style={{ width: '100%' }}
                  placeholder={t('supervision.assign.nobody')}
                />
              ),
            },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Modal>
  );
}
