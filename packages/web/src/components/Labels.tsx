import { Tag } from 'antd';
import type { Role, UnitType } from '../api/types';
import { useI18n } from '../i18n';

const ROLE_COLORS: Record<Role, string> = {
  district_admin: 'red',
  street_admin: 'volcano',
  village_user: 'gold',
  inspector: 'blue',
  judge: 'purple',
};

const TYPE_COLORS: Record<UnitType, string> = {
  district: 'red',
  street: 'volcano',
  village: 'green',
  community: 'cyan',
  department: 'geekblue',
  household: 'default',
};

/** A coloured tag with the role's name. */
export function RoleTag({ role }: { role: Role }) {
  const { t } = useI18n();
  return (
    <Tag color={ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
      {t(`role.${role}`)}
    </Tag>
  );
}

/** A coloured tag with the unit type's name. */
export function UnitTypeTag({ type }: { type: UnitType }) {
  const { t } = useI18n();
  return (
    <Tag color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }}>
      {t(`unitType.${type}`)}
    </Tag>
  );
}
