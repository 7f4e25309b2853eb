import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type {
  CourtyardCampaignStatus,
  CourtyardCampaignView,
  CourtyardLevelCode,
  CourtyardLevelRules,
  CreateCourtyardCampaignBody,
  UpdateCourtyardCampaignBody,
} from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { campaignPath, courtyardKeys } from './api';
import { useCourtyardI18n } from './i18n';
import { LevelTag } from './labels';

const LEVELS: CourtyardLevelCode[] = ['village', 'street', 'district', 'city'];

interface SettingsValues {
  name: string;
  status: CourtyardCampaignStatus;
  levels: Record<CourtyardLevelCode, { threshold: number; quota: number | null }>;
}

/**
 * A campaign's settings for the district: name, open or closed, each level's threshold and quota (quota counts
 * households at the level; empty = no limit); the standards are shown, and a new year's campaign can be started.
 */
export function CampaignSettingsDrawer({
  campaign,
  open,
  onClose,
}: {
  campaign: CourtyardCampaignView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useCourtyardI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const client = useQueryClient();
  const [, setParams] = useSearchParams();
  const [form] = Form.useForm<SettingsValues>();
  const [createForm] = Form.useForm<{ year: number; name: string }>();

  useEffect(() => {
    if (open)
      form.setFieldsValue({ name: campaign.name, status: campaign.status, levels: { ...campaign.levels } });
  }, [open, campaign, form]);

  const save = useMutation({
    mutationFn: (body: UpdateCourtyardCampaignBody) =>
      api.patch<CourtyardCampaignView>(campaignPath(campaign.code), body),
    onSuccess: () => client.invalidateQueries({ queryKey: courtyardKeys.all }),
  });
  const create = useMutation({
    mutationFn: (body: CreateCourtyardCampaignBody) =>
      api.post<CourtyardCampaignView>('/api/courtyard-campaigns', body),
    onSuccess: () => client.invalidateQueries({ queryKey: courtyardKeys.all }),
  });

  const nextYear = campaign.year + 1;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('cy.settings.title', { name: campaign.name })}
      size={isMobile ? '100%' : 560}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        name="courtyard-settings"
        onFinish={(v) => {
          const levels = Object.fromEntries(
            LEVELS.map((l) => [l, { threshold: v.levels[l].threshold, quota: v.levels[l].quota ?? null }]),
          ) as CourtyardLevelRules;
          save
            .mutateAsync({ name: v.name.trim(), status: v.status, levels })
            .then(() => {
              message.success(t('cy.saved'));
              onClose();
            })
            .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))));
        }}
      >
        <Form.Item
          name="name"
          label={t('cy.settings.name')}
          rules={[{ required: true, whitespace: true, message: t('cy.settings.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="status" label={t('cy.settings.status')}>
          <Select
            options={(['open', 'closed'] as const).map((s) => ({
              value: s,
              label: t(`cy.settings.status.${s}`),
            }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('cy.settings.levels')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('cy.settings.levelsHint')}
        </Typography.Paragraph>
        <Table
          rowKey={(l) => l}
          size="small"
          pagination={false}
          dataSource={LEVELS}
          columns={[
            { title: t('cy.hh.level'), key: 'level', render: (_, l) => <LevelTag level={l} /> },
            {
              title: t('cy.settings.threshold'),
              key: 'threshold',
              render: (_, l) => (
                <Form.Item
                  name={['levels', l, 'threshold']}
                  noStyle
                  rules={[{ required: true, message: t('cy.settings.thresholdRequired') }]}
                >
                  <InputNumber min={0} max={campaign.maxTotal} step={1} style={{ width: 90 }} />
                </Form.Item>
              ),
            },
            {
              title: t('cy.settings.quota'),
              key: 'quota',
              render: (_, l) => (
                <Form.Item name={['levels', l, 'quota']} noStyle>
                  <InputNumber
                    min={0}
                    max={100000}
                    placeholder={t('cy.detail.noQuota')}
                    style={{ width: 100 }}
                  />
                </Form.Item>
              ),
            },
            {
              title: t('cy.settings.atLevel'),
              key: 'at',
              align: 'right',
              render: (_, l) => campaign.atLevel[l],
            },
          ]}
        />
      </Form>
      <Descriptions
        style={{ marginTop: 16 }}
        size="small"
        column={1}
        title={t('cy.settings.standards', { max: formatNumber(campaign.maxTotal) })}
        items={campaign.standards.map((s) => ({
          key: s.code,
          label: `${s.name} (${formatNumber(s.maxPoints)})`,
          children: <Typography.Text type="secondary">{s.guidance}</Typography.Text>,
        }))}
      />
      <Flex vertical gap={8} style={{ marginTop: 16, borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
        <Typography.Text strong>{t('cy.settings.create')}</Typography.Text>
        <Alert type="info" showIcon title={t('cy.settings.createHint')} />
        <Form
          form={createForm}
          layout={isMobile ? 'vertical' : 'inline'}
          requiredMark={false}
          name="courtyard-create"
          initialValues={{ year: nextYear, name: `${nextYear}年度五美庭院创建` }}
          onFinish={(v) =>
            create
              .mutateAsync({ code: `WM-${v.year}`, year: v.year, name: v.name.trim() })
              .then((c) => {
                message.success(t('cy.settings.created', { name: c.name }));
                setParams({ campaign: c.code }, { replace: true });
                onClose();
              })
              .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))))
          }
        >
          <Form.Item name="year" label={t('cy.campaign')}>
            <InputNumber min={2000} max={2100} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('cy.settings.name')}
            rules={[{ required: true, whitespace: true, message: t('cy.settings.nameRequired') }]}
          >
            <Input maxLength={100} style={{ width: isMobile ? '100%' : 220 }} />
          </Form.Item>
          <Form.Item>
            <Button icon={<PlusOutlined />} loading={create.isPending} htmlType="submit">
              {t('cy.settings.createButton')}
            </Button>
          </Form.Item>
        </Form>
      </Flex>
    </Drawer>
  );
}
