import { KeyOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Role, UnitType } from '../../api/types';
import { can } from '../../auth/permissions';
import { DemoTag } from '../../components/Brand';
import { ErrorBox, Loading } from '../../components/Feedback';
import { RoleTag } from '../../components/Labels';
import { menuFor } from '../../components/menu';
import { countByType } from '../../components/unitTree';
import { useMeta } from '../../hooks/useMeta';
import { useUser } from '../../hooks/useSession';
import { useContestGroups, useUnits } from '../../hooks/useUnits';
import { useUsers } from '../../hooks/useUsers';
import { type MessageKey, useI18n } from '../../i18n';
import { CampaignCards } from './CampaignCards';
import { DashboardCard } from './DashboardCard';

/** Which unit types each role's overview counts, in display order. */
const COUNTED: Record<Role, readonly UnitType[]> = {
  district_admin: ['street', 'village', 'community', 'department', 'household'],
  street_admin: ['village', 'community', 'household'],
  village_user: ['household'],
  inspector: ['street', 'village', 'community', 'department'],
  judge: [],
};

/** What the home page tells each role this platform does for them. */
const DUTY: Record<Role, MessageKey> = {
  district_admin: 'home.duty.district_admin',
  street_admin: 'home.duty.street_admin',
  village_user: 'home.duty.village_user',
  inspector: 'home.duty.inspector',
  judge: 'home.duty.judge',
};

function StatCard({ title, value, onClick }: { title: string; value: number; onClick?: () => void }) {
  return (
    <Card size="small" hoverable={Boolean(onClick)} onClick={onClick} style={{ height: '100%' }}>
      <Statistic title={title} value={value} />
    </Card>
  );
}

/** The per-role welcome: who you are, your scope, live counts of your units, and quick links. */
export function HomePage() {
  const { t } = useI18n();
  const user = useUser();
  const meta = useMeta();
  const navigate = useNavigate();
  const seesUnits = COUNTED[user.role].length > 0;
  const units = useUnits(seesUnits);
  const users = useUsers(can.manageUsers(user.role));
  const groups = useContestGroups(can.seeContestGroups(user.role));
  const counts = useMemo(() => countByType(units.data ?? []), [units.data]);
  const links = menuFor(user.role).filter((e) => e.path !== '/');
  const scopeUnit = units.data?.find((u) => u.id === user.scopeUnitId);
  const unitsPath = user.role === 'inspector' ? '/inspections' : '/units';

  const district = meta.data?.districtName ?? '';
  let scopeLine: string;
  if (user.role === 'district_admin') scopeLine = t('home.scopeAll', { district });
  else if (user.scopeUnitName)
    scopeLine = [district, t('home.scope', { unit: user.scopeUnitName })].filter(Boolean).join(' · ');
  else scopeLine = district;

  const stats: { key: string; title: string; value: number; path?: string }[] = [];
  for (const type of COUNTED[user.role]) {
    if (user.role === 'district_admin' && type !== 'street' && type !== 'village' && counts[type] === 0)
      continue;
    stats.push({
      key: type,
      title:
        type === 'department'
          ? t('home.departmentCount')
          : t('home.countOf', { type: t(`unitType.${type}`) }),
      value: counts[type],
      path: unitsPath,
    });
  }
  if (groups.data) {
    stats.push({
      key: 'groups',
      title: t('home.contestGroups'),
      value: groups.data.length,
      path: '/units?tab=groups',
    });
  }
  if (users.data)
    stats.push({ key: 'users', title: t('home.userCount'), value: users.data.length, path: '/users' });

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('home.hello', { name: user.displayName })}
            </Typography.Title>
            <RoleTag role={user.role} />
            {meta.data?.demo && <DemoTag subtle />}
          </Flex>
          <Typography.Text type="secondary">{scopeLine}</Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }}>{t(DUTY[user.role])}</Typography.Paragraph>
        </Flex>
      </Card>

      {(user.role === 'district_admin' || user.role === 'street_admin') && <DashboardCard />}

      <CampaignCards />

      {seesUnits && (
        <Card title={t('home.overview')} size="small">
          {units.isPending ? (
            <Loading minHeight={120} />
          ) : units.isError ? (
            <ErrorBox error={units.error} onRetry={() => units.refetch()} />
          ) : (
            <Flex vertical gap={12}>
              {user.role === 'village_user' && scopeUnit && (
                <Typography.Text>
                  {t('home.ownUnit', {
                    name: scopeUnit.name,
                    code: scopeUnit.code,
                    type: t(`unitType.${scopeUnit.type}`),
                  })}
                </Typography.Text>
              )}
              {user.role === 'inspector' && (
                <Typography.Text>
                  {t('home.assigned', { count: units.data.filter((u) => u.type !== 'district').length })}
                </Typography.Text>
              )}
              <Row gutter={[12, 12]}>
                {stats.map((s) => (
                  <Col key={s.key} xs={12} sm={8} lg={4}>
                    <StatCard
                      title={s.title}
                      value={s.value}
                      onClick={s.path ? () => navigate(s.path ?? '/') : undefined}
                    />
                  </Col>
                ))}
              </Row>
            </Flex>
          )}
        </Card>
      )}

      {user.role === 'judge' && groups.data && groups.data.length > 0 && (
        <Card title={t('home.judgeGroups')} size="small">
          <Row gutter={[12, 12]}>
            {groups.data.map((g) => (
              <Col key={g.id} xs={12} sm={8} lg={6}>
                <StatCard title={g.name} value={g.unitCount} />
              </Col>
            ))}
          </Row>
        </Card>
      )}

      <Card title={t('home.quickLinks')} size="small">
        <Row gutter={[12, 12]}>
          {[...links.map((e) => ({ key: e.key, path: e.path, label: t(e.label), Icon: e.icon })), null].map(
            (link) =>
              link ? (
                <Col key={link.key} xs={24} sm={12} lg={6}>
                  <Card size="small" hoverable onClick={() => navigate(link.path)}>
                    <Flex align="center" justify="space-between" gap={8}>
                      <Flex align="center" gap={10}>
                        <span style={{ color: '#c0392b', fontSize: 18 }}>
                          <link.Icon />
                        </span>
                        <Typography.Text strong>{link.label}</Typography.Text>
                      </Flex>
                      <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
                    </Flex>
                  </Card>
                </Col>
              ) : (
                <Col key="password" xs={24} sm={12} lg={6}>
                  <Card size="small" hoverable onClick={() => navigate('/password')}>
                    <Flex align="center" justify="space-between" gap={8}>
                      <Flex align="center" gap={10}>
                        <span style={{ color: '#c0392b', fontSize: 18 }}>
                          <KeyOutlined />
                        </span>
                        <Typography.Text strong>{t('layout.changePassword')}</Typography.Text>
                      </Flex>
                      <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
                    </Flex>
                  </Card>
                </Col>
              ),
          )}
        </Row>
      </Card>
    </Flex>
  );
}
