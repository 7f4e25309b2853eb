import type { CreateActivityBody } from '../contracts/activities';
import { createActivity } from '../services/activity.service';
import type { ServiceContext } from '../services/context';

type Counts = CreateActivityBody['counts'];

/**
 * The demo's outreach activities of 2023: the seed's two April events as it reports them (国家安全教育日 on
 * 人民路, 4月15日: 100余人, 40多个咨询台, 100多块展板, 20余条横幅, 3000余份宣传单; 民族宗教政策法规 at 圣德广场,
 * 4月20日: 横幅40余条, 咨询台20余个, 宣传彩页2000余份, 咨询300余人次) and the streets' and villages' own.
 */
const ACTIVITIES: (Omit<CreateActivityBody, 'counts'> & { counts: Counts })[] = [
  {
    unitCode: 'SL',
    title: '全民国家安全教育日集中宣传活动',
    topic: '国家安全教育日',
    heldOn: '2023-04-15',
    place: '城区人民路中段路两侧',
    partners: '区国家安全委员会办公室、区委政法委、区网信办、区公安局、区民政局',
    summary:
      '围绕宪法、国家安全法、反恐怖主义法、反间谍法等法律法规，向过往群众讲解国家安全相关法律法规和法律服务。',
    counts: { staff: 100, desks: 40, boards: 100, banners: 20, leaflets: 3000 },
  },
  {
    unitCode: 'DQ-07',
    title: '“铸牢中华民族共同体意识暨民族宗教政策法规”集中宣传活动',
    topic: '民族宗教政策法规',
    heldOn: '2023-04-20',
    place: '圣德广场',
    partners: '区委政法委、区民族宗教事务中心、各街道',
    summary: '通过悬挂横幅、设置展台、摆放展板、发放宣传单等形式，讲解民族宗教政策法规和民法典相关规定。',
    counts: { banners: 40, desks: 20, leaflets: 2000, consultations: 300 },
  },
  {
    unitCode: 'DQ-08',
    title: '平安建设宣传月启动仪式',
    topic: '平安建设',
    heldOn: '2023-06-09',
    place: '石龙区文化广场',
    partners: '区公安分局、区司法局、各街道',
    counts: { staff: 60, desks: 15, boards: 30, banners: 12, leaflets: 1800, consultations: 240 },
  },
  {
    unitCode: 'RML',
    title: '国家安全教育日进社区',
    topic: '国家安全教育日',
    heldOn: '2023-04-17',
    place: '人文路社区党群服务中心',
    counts: { staff: 18, desks: 4, boards: 10, banners: 5, leaflets: 600, consultations: 120 },
  },
  {
    unitCode: 'RML-HZ',
    title: '何庄村民法典宣传进万家',
    topic: '法治宣传',
    heldOn: '2023-05-12',
    place: '何庄村文化广场',
    partners: '人民路街道司法所',
    counts: { staff: 8, desks: 2, boards: 4, banners: 2, leaflets: 300, consultations: 65 },
  },
  {
    unitCode: 'RML-HZ',
    title: '防范电信网络诈骗宣讲',
    topic: '平安建设',
    heldOn: '2023-09-22',
    place: '何庄村党群服务中心',
    counts: { staff: 5, desks: 1, boards: 2, banners: 1, leaflets: 200, consultations: 40 },
  },
  {
    unitCode: 'LX',
    title: '民族团结进步宣传月集中宣传',
    topic: '民族宗教政策法规',
    heldOn: '2023-05-18',
    place: '龙兴街道办事处广场',
    partners: '街道统战办、派出所',
    counts: { staff: 25, desks: 6, boards: 12, banners: 8, leaflets: 800, consultations: 150 },
  },
  {
    unitCode: 'LX-SZ',
    title: '孙庄村移风易俗倡议宣传',
    topic: '文明实践',
    heldOn: '2023-03-05',
    place: '孙庄村新时代文明实践站',
    counts: { staff: 10, desks: 2, boards: 6, banners: 3, leaflets: 400, consultations: 80 },
  },
  {
    unitCode: 'LX-DY',
    title: '大营村安全生产月宣传',
    topic: '安全生产',
    heldOn: '2023-06-16',
    place: '大营村村委会门前',
    counts: { staff: 6, desks: 1, boards: 3, banners: 2, leaflets: 250, consultations: 35 },
  },
  {
    unitCode: 'GZ',
    title: '“八五”普法进村入户',
    topic: '法治宣传',
    heldOn: '2023-07-11',
    place: '高庄街道各村（社区）',
    partners: '街道司法所、法律顾问',
    counts: { staff: 30, desks: 8, boards: 16, banners: 10, leaflets: 1200, consultations: 210 },
  },
  {
    unitCode: 'GZ-SM',
    title: '石门村禁毒宣传',
    topic: '平安建设',
    heldOn: '2023-06-26',
    place: '石门村文化广场',
    counts: { staff: 7, desks: 2, boards: 5, banners: 2, leaflets: 350, consultations: 55 },
  },
  {
    unitCode: 'LH',
    title: '玉带河生态保护宣传',
    topic: '生态环保',
    heldOn: '2023-08-08',
    place: '玉带河沿岸',
    partners: '区生态环境分局',
    counts: { staff: 22, desks: 3, boards: 8, banners: 6, leaflets: 700, consultations: 90 },
  },
  {
    unitCode: 'LH-LS',
    title: '龙山村宪法宣传日活动',
    topic: '法治宣传',
    heldOn: '2023-12-04',
    place: '龙山村党群服务中心',
    counts: { staff: 9, desks: 2, boards: 4, banners: 2, leaflets: 320, consultations: 60 },
  },
  {
    unitCode: 'SL',
    title: '“12·4”国家宪法日主题宣传',
    topic: '法治宣传',
    heldOn: '2023-12-04',
    place: '人民路步行街',
    partners: '区委政法委、区司法局、区法院、区检察院',
    counts: { staff: 45, desks: 12, boards: 36, banners: 10, leaflets: 2500, consultations: 280 },
  },
];

/** Adds the demo's activities through the same use case as the app (so they are audited). */
export async function seedDemoActivities(sys: ServiceContext): Promise<void> {
  const ids: string[] = [];
  for (const body of ACTIVITIES) ids.push((await createActivity(sys, body)).row.id);
  await sys.repos.activities.markDemo(ids);
}
