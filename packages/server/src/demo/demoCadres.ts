import type { CreateCadreBody } from '../contracts/cadres';
import { createCadre, updateCadre } from '../services/cadre.service';
import type { ServiceContext } from '../services/context';

/** The demo's cadres: each street's 包村 cadres and the 驻村 cadres the district's departments send. */
const CADRES: (CreateCadreBody & { left?: true })[] = [
  {
    streetCode: 'RML',
    kind: 'street',
    name: '刘建国',
    position: '街道党工委副书记',
    unitCodes: ['RML-HZ', 'RML-BD'],
  },
  {
    streetCode: 'RML',
    kind: 'street',
    name: '陈静',
    position: '街道党工委委员、组织委员',
    unitCodes: ['RML-SD', 'RML-ZH', 'RML-RW'],
  },
  {
    streetCode: 'RML',
    kind: 'stationed',
    name: '赵磊',
    position: '驻村第一书记（区农业农村局）',
    unitCodes: ['RML-HZ'],
  },
  {
    streetCode: 'RML',
    kind: 'stationed',
    name: '孙悦',
    position: '驻村工作队员（区民政局）',
    unitCodes: ['RML-BD'],
  },
  {
    streetCode: 'LX',
    kind: 'street',
    name: '王海涛',
    position: '街道党工委书记',
    phone: '0375-2201001',
    unitCodes: ['LX-LX', 'LX-SZ', 'LX-ZZ'],
  },
  {
    streetCode: 'LX',
    kind: 'street',
    name: '李娜',
    position: '街道党工委委员',
    unitCodes: ['LX-CZ', 'LX-LZ', 'LX-JZ', 'LX-DY'],
  },
  {
    streetCode: 'LX',
    kind: 'stationed',
    name: '周鹏',
    position: '驻村第一书记（区财政局）',
    unitCodes: ['LX-SZ'],
  },
  {
    streetCode: 'LX',
    kind: 'stationed',
    name: '吴芳',
    position: '驻村第一书记（区教体局）',
    unitCodes: ['LX-DY'],
  },
  {
    streetCode: 'LX',
    kind: 'stationed',
    name: '郑伟',
    position: '驻村工作队员（区水利局）',
    unitCodes: ['LX-JZ'],
  },
  {
    streetCode: 'LX',
    kind: 'stationed',
    name: '冯涛',
    position: '驻村第一书记（区商务局）',
    unitCodes: ['LX-LZ'],
    left: true,
  },
  {
    streetCode: 'GZ',
    kind: 'street',
    name: '马晓东',
    position: '街道办事处主任',
    unitCodes: ['GZ-GZ', 'GZ-XZ'],
  },
  {
    streetCode: 'GZ',
    kind: 'street',
    name: '胡敏',
    position: '街道党工委委员',
    unitCodes: ['GZ-SM', 'GZ-YW'],
  },
  {
    streetCode: 'GZ',
    kind: 'stationed',
    name: '何军',
    position: '驻村第一书记（区人社局）',
    unitCodes: ['GZ-XZ'],
  },
  {
    streetCode: 'LH',
    kind: 'street',
    name: '郭强',
    position: '街道党工委副书记',
    unitCodes: ['LH-HW', 'LH-LH'],
  },
  {
    streetCode: 'LH',
    kind: 'street',
    name: '林燕',
    position: '街道武装部部长',
    unitCodes: ['LH-LS', 'LH-YD'],
  },
  {
    streetCode: 'LH',
    kind: 'stationed',
    name: '高峰',
    position: '驻村第一书记（区司法局）',
    unitCodes: ['LH-LS'],
  },
];

/** Adds the demo's cadres through the same use cases as the app (so they are audited), one of them as left. */
export async function seedDemoCadres(sys: ServiceContext): Promise<void> {
  const ids: string[] = [];
  for (const { left, ...body } of CADRES) {
    const cadre = await createCadre(sys, body);
    if (left) await updateCadre(sys, cadre.row.id, { active: false });
    ids.push(cadre.row.id);
  }
  await sys.repos.cadres.markDemo(ids);
}
