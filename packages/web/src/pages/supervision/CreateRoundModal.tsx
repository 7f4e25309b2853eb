import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Radio, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CampaignSummaryView, RoundKind, RoundMode, SheetTemplateView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { monthsOf } from '../../components/period';
import { useCreateDefaultTemplate, useCreateRound } from '../../hooks/useRounds';
import { type Translate, useI18n } from '../../i18n';

interface Values {
  kind: RoundKind;
  mode: RoundMode;
  month: string;
  name: string;
  templateCode: string;
  scored: boolean;
  dates: [Dayjs, Dayjs];
  assign: 'standing' | 'edit';
}

const FIELDS = ['kind', 'mode', 'month', 'name', 'templateCode', 'scored', 'startsOn', 'endsOn'];

/** The id of a created round, whatever shape the answer takes (`{ round: { id } }` or `{ id }`). */
function roundIdOf(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object') return null;
  const a = answer as { id?: unknown; round?: { id?: unknown } };
  if (typeof a.round?.id === 'string') return a.round.id;
  return typeof a.id === 'string' ? a.id : null;
}

/** The module an annual acceptance round fills (年度考核): only its templates serve one. */
const ACCEPTANCE_MODULE = 'ND';

/** The suggested name of a round: 2023年12月督导, 龙兴街道2023年12月专项督查, 2023年度五星支部创建验收 … */
function defaultName(t: Translate, kind: RoundKind, month: string, street: string, campaign: string): string {
  return t(`supervision.defaultName.${kind}`, {
    year: month.slice(0, 4),
    month: Number(month.slice(5, 7)),
    street,
    campaign,
  });
}

/** The templates a kind of round can use: ND templates for an acceptance, the others for the rest. */
function templatesFor(kind: RoundKind, templates: readonly SheetTemplateView[]): SheetTemplateView[] {
  return templates.filter((x) => (x.module === ACCEPTANCE_MODULE) === (kind === 'acceptance'));
}

/** The first and last day of a month. */
function monthDates(month: string): [Dayjs, Dayjs] {
  const first = dayjs(`${month}-01`);
  return [first, first.endOf('month')];
}

/**
 * 新建轮次: a monthly supervision, a quarterly observation or the year-end acceptance round (district admin), or
 * a special round on the street admin's own street. Inspectors come from the standing assignments unless edited
 * afterwards. An acceptance (年度验收) is always scored, in the campaign year's December, on an ND template: the
 * form fixes those, and offers to create ND-SHEET when the campaign has no ND template yet.
 */
export function CreateRoundModal({
  open,
  onClose,
  campaign,
  templates,
  street,
}: {
  open: boolean;
  onClose: () => void;
  campaign: CampaignSummaryView;
  templates: readonly SheetTemplateView[];
  /** A street admin's street: only special rounds there. */
  street: { code: string; name: string } | null;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateRound();
  const createTemplate = useCreateDefaultTemplate(campaign.code);
  const kind = Form.useWatch('kind', form);
  const isStreet = street !== null;
  const acceptance = kind === 'acceptance';
  const december = `${campaign.year}-12`;

  const streetName = street?.name ?? '';
  const firstTemplate = (templatesFor('supervision', templates)[0] ?? templates[0])?.code;
  const suggestName = (k: RoundKind, month: string) => defaultName(t, k, month, streetName, campaign.name);
  const usable = kind ? templatesFor(kind, templates) : [...templates];

  // The form is reset once each time the dialog opens, never again while it is open: the templates arriving
  // late (a slow network) must not wipe what the user already chose — they only fill an empty template field.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open) {
      wasOpen.current = false;
      return;
    }
    if (wasOpen.current) {
      if (!form.getFieldValue('templateCode')) {
        const k: RoundKind = form.getFieldValue('kind') ?? 'supervision';
        const code = templatesFor(k, templates)[0]?.code;
        if (code) form.setFieldsValue({ templateCode: code });
      }
      return;
    }
    wasOpen.current = true;
    const now = dayjs();
    const month =
      now.year() === campaign.year
        ? now.format('YYYY-MM')
        : `${campaign.year}-${now.year() > campaign.year ? '12' : '01'}`;
    const k: RoundKind = isStreet ? 'special' : 'supervision';
    form.setFieldsValue({
      kind: k,
      mode: 'regular',
      month,
      name: defaultName(t, k, month, streetName, campaign.name),
      templateCode: firstTemplate,
      scored: false,
      dates: monthDates(month),
      assign: 'standing',
    });
  }, [open, form, t, campaign.year, campaign.name, isStreet, streetName, firstTemplate, templates]);

  const onFinish = (v: Values) => {
    create.mutate(
      {
        campaign: campaign.code,
        name: v.name.trim(),
        kind: v.kind,
        mode: v.mode,
        month: v.month,
        templateCode: v.templateCode,
        scored: v.kind === 'special' ? false : v.kind === 'acceptance' ? true : v.scored,
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        endsOn: v.dates[1].format('YYYY-MM-DD'),
        ...(street ? { streetCode: street.code } : {}),
      },
      {
        onSuccess: (answer) => {
          message.success(t('supervision.roundCreated', { name: v.name.trim() }));
          onClose();
          const id = roundIdOf(answer);
          if (id)
            navigate(
              `/supervision/rounds/${encodeURIComponent(id)}${v.assign === 'edit' ? '?assign=1' : ''}`,
            );
        },
        onError: (error) => {
          if (!applyFieldError(form, error, FIELDS, { startsOn: 'dates', endsOn: 'dates' }))
            message.error(errorMessage(error, t('common.unknownError')));
        },
      },
    );
  };

  const kinds: RoundKind[] = street ? ['special'] : ['supervision', 'observation', 'acceptance'];

  const makeAcceptanceTemplate = () =>
    createTemplate.mutate('ND', {
      onSuccess: (made) => {
        message.success(t('supervision.template.acceptanceCreated'));
        form.setFieldsValue({ templateCode: made.code });
      },
      onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
    });
  return (
    <Modal
      open={open}
      title={
        street ? t('supervision.createSpecialTitle', { street: street.name }) : t('supervision.createTitle')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('supervision.createOk')}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
      width={600}
    >
      <Form<Values>
        form={form}
        name="create-round"
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          if (changed.kind || changed.month) {
            const month = changed.kind === 'acceptance' ? december : all.month;
            const patch: Partial<Values> = { name: suggestName(all.kind, month) };
            if (changed.month || month !== all.month) patch.dates = monthDates(month);
            if (changed.kind) {
              patch.month = month;
              patch.scored = changed.kind === 'observation' || changed.kind === 'acceptance';
              // The acceptance team usually has no standing assignment: pick its members after creating.
              patch.assign = changed.kind === 'acceptance' ? 'edit' : 'standing';
              const fits = templatesFor(changed.kind, templates);
              if (!fits.some((x) => x.code === all.templateCode)) patch.templateCode = fits[0]?.code;
            }
            form.setFieldsValue(patch);
          }
        }}
      >
        <Form.Item
          name="kind"
          label={t('supervision.field.kind')}
          extra={t(`supervision.kindHint.${kind ?? 'supervision'}`)}
        >
          <Radio.Group
            optionType="button"
            options={kinds.map((k) => ({ value: k, label: t(`supervision.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('supervision.field.mode')}>
          <Radio.Group
            optionType="button"
            options={(['regular', 'covert', 'surprise'] as const).map((m) => ({
              value: m,
              label: t(`supervision.mode.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="month"
          label={t('supervision.field.month')}
          extra={acceptance ? t('supervision.acceptanceMonthHint') : t('supervision.monthHint')}
        >
          <Select
            disabled={acceptance}
            options={(acceptance ? [december] : monthsOf(campaign.year)).map((m) => ({ value: m, label: m }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('supervision.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('units.nameRequired') },
            { max: 100, message: t('units.nameTooLong') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="templateCode"
          label={t('supervision.field.template')}
          rules={[{ required: true, message: t('supervision.templateRequired') }]}
          extra={
            acceptance &&
            (usable.length === 0 ? (
              <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
                <Typography.Text type="warning">{t('supervision.noAcceptanceTemplate')}</Typography.Text>
                <Button
                  size="small"
                  icon={<FileAddOutlined />}
                  loading={createTemplate.isPending}
                  onClick={makeAcceptanceTemplate}
                >
                  {t('supervision.template.createAcceptance')}
                </Button>
              </Flex>
            ) : (
              t('supervision.acceptanceTemplateHint')
            ))
          }
        >
          <Select
            placeholder={acceptance ? t('supervision.noAcceptanceTemplate') : t('supervision.noTemplates')}
            options={usable.map((x) => ({ value: x.code, label: x.name }))}
          />
        </Form.Item>
        {kind !== 'special' && (
          <Form.Item
            name="scored"
            label={t('supervision.field.scored')}
            valuePropName="checked"
            extra={acceptance ? t('supervision.acceptanceScoredHint') : t('supervision.scoredHint')}
          >
            <Switch disabled={acceptance} />
          </Form.Item>
        )}
        <Form.Item
          name="dates"
          label={t('supervision.field.dates')}
          rules={[{ required: true, message: t('supervision.datesRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="assign" label={t('supervision.field.assignments')}>
          <Radio.Group
            options={[
              {
                value: 'standing',
                label: street ? t('supervision.assignSelf') : t('supervision.assignStanding'),
              },
              { value: 'edit', label: t('supervision.assignEdit') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
