import { ImportOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Tabs, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { can } from '../../auth/permissions';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { countByType, indexUnits } from '../../components/unitTree';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';
import { ContestGroupsPanel } from './ContestGroupsPanel';
import { ExportButton } from './ExportButton';
import { ImportModal } from './ImportModal';
import { UnitDetailPanel } from './UnitDetailPanel';
import { UnitTreePanel } from './UnitTreePanel';

function useWindowHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

/** Organisation structure: searchable tree, unit details and actions, and the contest groups. */
export function UnitsPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const [params, setParams] = useSearchParams();
  const units = useUnits();
  const [importOpen, setImportOpen] = useState(false);
  const windowHeight = useWindowHeight();
  const index = useMemo(() => indexUnits(units.data ?? []), [units.data]);
  const tab = params.get('tab') === 'groups' && user.role === 'district_admin' ? 'groups' : 'tree';

  // On a wide screen, open the user's own unit (or the top of the tree) when none is chosen.
  const defaultId =
    (user.scopeUnitId && index.byId.has(user.scopeUnitId) ? user.scopeUnitId : undefined) ??
    index.roots[0]?.id;
  useEffect(() => {
    if (!id && !isMobile && tab === 'tree' && defaultId) navigate(`/units/${defaultId}`, { replace: true });
  }, [id, isMobile, tab, defaultId, navigate]);

  const openUnit = (unitId: string) => navigate(`/units/${unitId}`);
  const counts = useMemo(() => countByType(units.data ?? []), [units.data]);
  const isVillage = user.role === 'village_user';
  const title = isVillage ? t('menu.myUnit') : t('menu.units');
  const subtitle = units.data
    ? (['street', 'village', 'community', 'department', 'household'] as const)
        .filter((type) => counts[type] > 0)
        .map((type) => t('units.countOf', { type: t(`unitType.${type}`), count: counts[type] }))
        .join(t('common.listSeparator'))
    : undefined;

  const extra = (
    <>
      {can.importUnits(user.role) && (
        <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
          {t('units.import')}
        </Button>
      )}
      {can.exportUnits(user.role) && <ExportButton />}
    </>
  );

  let body: ReactNode;
  if (units.isPending) body = <Loading />;
  else if (units.isError) body = <ErrorBox error={units.error} onRetry={() => units.refetch()} />;
  else if (units.data.length === 0) {
    body = (
      <Card>
        <EmptyState description={t('units.empty')}>
          {can.importUnits(user.role) && (
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
              {t('units.import')}
            </Button>
          )}
        </EmptyState>
      </Card>
    );
  } else {
    const treeHeight = Math.max(320, windowHeight - (isMobile ? 300 : 290));
    const tree = (
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <UnitTreePanel index={index} selectedId={id} onSelect={(u) => openUnit(u.id)} height={treeHeight} />
      </Card>
    );
    const detail = id ? (
      <UnitDetailPanel
        key={id}
        unitId={id}
        index={index}
        onSelect={openUnit}
        onBack={isMobile ? () => navigate('/units') : undefined}
      />
    ) : (
      <Card>
        <EmptyState description={t('units.pickOne')} />
      </Card>
    );
    const treeView = isMobile ? (
      id ? (
        detail
      ) : (
        tree
      )
    ) : (
      <Row gutter={16} wrap={false}>
        <Col flex="340px" style={{ minWidth: 0 }}>
          {tree}
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {detail}
        </Col>
      </Row>
    );
    body =
      user.role === 'district_admin' ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'groups' ? { tab: 'groups' } : {}, { replace: true })}
          items={[
            { key: 'tree', label: t('units.tabTree'), children: treeView },
            {
              key: 'groups',
              label: t('units.tabGroups'),
              children: <ContestGroupsPanel units={units.data} onOpenUnit={openUnit} />,
            },
          ]}
        />
      ) : (
        treeView
      );
  }

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : undefined}
        extra={isMobile && id ? undefined : extra}
      />
      {body}
      {can.importUnits(user.role) && <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />}
    </>
  );
}
