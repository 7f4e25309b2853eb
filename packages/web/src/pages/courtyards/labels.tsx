import { Segmented, Select, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type {
  CourtyardApplicationStatus,
  CourtyardCampaignView,
  CourtyardStanding,
  Role,
} from '../../api/types';
import { formatNumber } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { type CourtyardTranslate, useCourtyardI18n } from './i18n';

export const LEVEL_COLORS: Record<CourtyardStanding, string> = {
  none: 'default',
  village: 'green',
  street: 'blue',
  district: 'orange',
  city: 'red',
};

/** Chart colours per level (the same hues as the tags). */
export const LEVEL_CHART_COLORS = {
  village: '#73d13d',
  street: '#4096ff',
  district: '#fa8c16',
  city: '#cf1322',
};

const STATUS_COLORS: Record<CourtyardApplicationStatus, string> = {
  applied: 'default',
  village_confirmed: 'processing',
  street_confirmed: 'success',
  rejected: 'error',
};

export const levelName = (t: CourtyardTranslate, level: CourtyardStanding) => t(`cy.level.${level}`);

export function LevelTag({ level }: { level: CourtyardStanding }) {
  const { t } = useCourtyardI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }} data-testid="level-tag">
      {levelName(t, level)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: CourtyardApplicationStatus }) {
  const { t } = useCourtyardI18n();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`cy.status.${status}`)}
    </Tag>
  );
}

/** A score as the server gives it (at most two decimals), or 未评分. */
export function scoreText(t: CourtyardTranslate, score: number | null | undefined): string {
  return score === null || score === undefined ? t('cy.noScore') : formatNumber(score);
}

const NAV: {
  key: string;
  path: string;
  label: 'cy.nav.stats' | 'cy.nav.households' | 'cy.nav.applications' | 'cy.nav.evaluate';
  roles: Role[];
}[] = [
  {
    key: 'stats',
    path: '/courtyards',
    label: 'cy.nav.stats',
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'households',
    path: '/courtyards/households',
    label: 'cy.nav.households',
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'applications',
    path: '/courtyards/applications',
    label: 'cy.nav.applications',
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'evaluate',
    path: '/courtyards/evaluate',
    label: 'cy.nav.evaluate',
    roles: ['street_admin', 'inspector'],
  },
];

/** The courtyard pages' own tabs (统计 · 住户 · 申报 · 入户评分), as the viewer's role allows. */
export function CourtyardNav() {
  const { t } = useCourtyardI18n();
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const items = NAV.filter((n) => n.roles.includes(user.role));
  if (items.length < 2) return null;
  const active =
    [...items].sort((a, b) => b.path.length - a.path.length).find((n) => location.pathname.startsWith(n.path))
      ?.key ?? 'stats';
  const campaign = params.get('campaign');
  return (
    <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented
        value={active}
        options={items.map((n) => ({ value: n.key, label: t(n.label) }))}
        onChange={(key) => {
          const to = items.find((n) => n.key === key);
          if (to) navigate(campaign ? `${to.path}?campaign=${encodeURIComponent(campaign)}` : to.path);
        }}
      />
    </div>
  );
}

/** The campaign (year) picker, kept in the address bar as `?campaign=`. */
export function CampaignSelect({
  rows,
  value,
}: {
  rows: CourtyardCampaignView[];
  value: string | undefined;
}) {
  const { t } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  if (rows.length === 0) return null;
  return (
    <Select
      aria-label={t('cy.campaign')}
      value={value}
      style={{ minWidth: isMobile ? 160 : 200 }}
      options={rows.map((c) => ({ value: c.code, label: c.name }))}
      onChange={(code: string) => {
        const next = new URLSearchParams(params);
        next.set('campaign', code);
        next.delete('page');
        setParams(next, { replace: true });
      }}
    />
  );
}

/** A 示例数据 tag beside titles when the data is the demo's. */
export function DemoTag({ demo }: { demo: boolean }): ReactNode {
  const { t } = useCourtyardI18n();
  return demo ? (
    <Tag color="gold" style={{ marginInlineStart: 8, verticalAlign: 'middle' }}>
      {t('cy.demo')}
    </Tag>
  ) : null;
}
