import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CrownOutlined,
  EditOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  GiftOutlined,
  HomeOutlined,
  IdcardOutlined,
  LineChartOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SoundOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n';
import { TaskReminderBadge } from '../pages/tasks/TaskReminderBadge';

/** One entry of the side menu: where it goes, its label, icon, and which roles see it. */
export interface MenuEntry {
  key: string;
  path: string;
  label: MessageKey;
  icon: ComponentType;
  roles: readonly Role[];
  /** A count shown after the label (e.g. tasks waiting for the village). */
  /** A count beside the entry; with `dot`, only a dot when there is something (on the phone's menu button). */
  badge?: ComponentType<{ dot?: boolean }>;
}

/** Everyone with a home page (a judge's home is the scoring page /judge). */
const WITH_HOME: readonly Role[] = ['district_admin', 'street_admin', 'village_user', 'inspector'];

/**
 * The side menu as data, in display order. Later features add a row here (and a route in App.tsx);
 * the same path may appear with different labels for different roles.
 */
export const MENU: readonly MenuEntry[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: HomeOutlined, roles: WITH_HOME },
  { key: 'judge', path: '/judge', label: 'menu.judge', icon: EditOutlined, roles: ['judge'] },
  {
    key: 'dashboard',
    path: '/dashboard',
    label: 'menu.dashboard',
    icon: PieChartOutlined,
    roles: ['district_admin', 'street_admin'],
  },
  {
    key: 'village-dashboard',
    path: '/dashboard/village',
    label: 'menu.villageDashboard',
    icon: LineChartOutlined,
    roles: ['village_user'],
  },
  {
    key: 'campaigns',
    path: '/campaigns',
    label: 'menu.campaigns',
    icon: ProfileOutlined,
    roles: ['district_admin'],
  },
  {
    key: 'my-tasks',
    path: '/my-tasks',
    label: 'menu.myTasks',
    icon: CarryOutOutlined,
    roles: ['village_user'],
    badge: TaskReminderBadge,
  },
  { key: 'targets', path: '/targets', label: 'menu.targets', icon: FlagOutlined, roles: ['village_user'] },
  {
    key: 'creation-file',
    path: '/creation-file',
    label: 'menu.creationFile',
    icon: FileTextOutlined,
    roles: ['village_user'],
  },
  {
    key: 'targets-review',
    path: '/targets',
    label: 'menu.targetsReview',
    icon: FlagOutlined,
    roles: ['street_admin'],
  },
  {
    key: 'my-score',
    path: '/profile',
    label: 'menu.myScore',
    icon: LineChartOutlined,
    roles: ['village_user'],
  },
  {
    key: 'scores',
    path: '/scores',
    label: 'menu.scores',
    icon: EditOutlined,
    roles: ['district_admin', 'inspector'],
  },
  {
    key: 'tasks',
    path: '/tasks',
    label: 'menu.tasks',
    icon: CarryOutOutlined,
    roles: ['district_admin', 'street_admin', 'inspector'],
  },
  {
    key: 'rankings',
    path: '/rankings',
    label: 'menu.rankings',
    icon: BarChartOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'units',
    path: '/units',
    label: 'menu.units',
    icon: ApartmentOutlined,
    roles: ['district_admin', 'street_admin'],
  },
  { key: 'my-unit', path: '/units', label: 'menu.myUnit', icon: BankOutlined, roles: ['village_user'] },
  {
    key: 'my-inspections',
    path: '/inspections',
    label: 'menu.myInspections',
    icon: ScheduleOutlined,
    roles: ['inspector', 'street_admin'],
  },
  {
    key: 'supervision',
    path: '/supervision',
    label: 'menu.supervision',
    icon: SafetyCertificateOutlined,
    roles: ['district_admin', 'street_admin'],
  },
  {
    key: 'problems',
    path: '/problems',
    label: 'menu.problems',
    icon: AlertOutlined,
    roles: ['district_admin', 'street_admin', 'village_user', 'inspector'],
  },
  {
    key: 'problem-stats',
    path: '/problems/stats',
    label: 'menu.problemStats',
    icon: PieChartOutlined,
    roles: ['district_admin', 'street_admin', 'inspector'],
  },
  {
    key: 'flags',
    path: '/flags',
    label: 'menu.flags',
    icon: TrophyOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'star-ratings',
    path: '/ratings',
    label: 'menu.starRatings',
    icon: StarOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'contests',
    path: '/contests',
    label: 'menu.contests',
    icon: CrownOutlined,
    roles: ['district_admin'],
  },
  {
    key: 'courtyards',
    path: '/courtyards',
    label: 'menu.courtyards',
    icon: GiftOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'courtyard-evaluate',
    path: '/courtyards/evaluate',
    label: 'menu.courtyardEvaluate',
    icon: GiftOutlined,
    roles: ['inspector', 'street_admin'],
  },
  {
    key: 'cadres',
    path: '/cadres',
    label: 'menu.cadres',
    icon: IdcardOutlined,
    roles: ['district_admin', 'street_admin'],
  },
  {
    key: 'activities',
    path: '/activities',
    label: 'menu.activities',
    icon: SoundOutlined,
    roles: WITH_HOME,
  },
  {
    key: 'results',
    path: '/results',
    label: 'menu.results',
    icon: FundProjectionScreenOutlined,
    roles: ['district_admin'],
  },
  {
    key: 'warnings',
    path: '/warnings',
    label: 'menu.warnings',
    icon: WarningOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'publications',
    path: '/publications',
    label: 'menu.publications',
    icon: NotificationOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  {
    key: 'bulletins',
    path: '/bulletins',
    label: 'menu.bulletins',
    icon: ScheduleOutlined,
    roles: ['district_admin', 'street_admin', 'village_user'],
  },
  { key: 'users', path: '/users', label: 'menu.users', icon: TeamOutlined, roles: ['district_admin'] },
  { key: 'audit', path: '/audit', label: 'menu.audit', icon: AuditOutlined, roles: ['district_admin'] },
];

/** The menu entries one role sees. */
export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.includes(role));
}

/** The entry whose path best matches the current location (longest prefix wins). */
export function activeEntry(entries: readonly MenuEntry[], pathname: string): MenuEntry | undefined {
  let best: MenuEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/'
        ? pathname === '/'
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
