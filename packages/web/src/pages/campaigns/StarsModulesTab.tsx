import { DeleteOutlined, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/client';
import type { CampaignDetailView, ModuleView, ReplaceModulesBody, ReplaceStarsBody } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { campaignPath } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { useCampaignWrite } from './useCampaignWrite';

const CODE_RULES = [{ pattern: /^[A-Za-z0-9_.-]+$/ }];

/** A server error under a form: its message and, when it lists several problems, each of them. */
function ServerError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return <Alert type="error" showIcon title={errorMessage(error, t('common.unknownError'))} />;
}

/** Edits the campaign's stars (code and name). */
function StarsCard({ campaign, editable }: { campaign: CampaignDetailView; editable: boolean }) {
  const { t } = useI18n();
  // Once a month is locked only names may change (the server refuses the rest).
  const structural = editable && campaign.locks.length === 0;
  const { message } = App.useApp();
  const [form] = Form.useForm<ReplaceStarsBody>();
  const save = useCampaignWrite(campaign.code, (body: ReplaceStarsBody) =>
    api.put<CampaignDetailView>(`${campaignPath(campaign.code)}/stars`, body),
  );
  useEffect(() => {
    form.setFieldsValue({ stars: campaign.stars.map((s) => ({ code: s.code, name: s.name })) });
  }, [campaign.stars, form]);

  return (
    <Card size="small" title={t('model.stars')}>
      <Form<ReplaceStarsBody>
        form={form}
        disabled={!editable}
        onValuesChange={() => save.isError && save.reset()}
        onFinish={(body) =>
          save.mutate(
            { stars: body.stars.map((s) => ({ code: s.code.trim(), name: s.name.trim() })) },
            { onSuccess: () => message.success(t('common.saved')) },
          )
        }
      >
        <Form.List name="stars">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'code']}
                    rules={[
                      { required: true, message: t('units.codeRequired') },
                      ...CODE_RULES.map((r) => ({ ...r, message: t('units.codePattern') })),
                    ]}
                    style={{ width: 90, marginBottom: 0 }}
                  >
                    <Input
                      aria-label={t('model.code')}
                      placeholder={t('model.code')}
                      disabled={!structural}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input aria-label={t('model.name')} placeholder={t('model.name')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('model.remove')}
                    onClick={() => remove(field.name)}
                    disabled={!structural || fields.length <= 1}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', name: '' })}
                disabled={!structural}
              >
                {t('model.addStar')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <ServerError error={save.error} />
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('model.saveStars')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** Edits the modules and their budgets; shows the running total and the server's answer when it is not 100. */
function ModulesCard({ campaign, editable }: { campaign: CampaignDetailView; editable: boolean }) {
  const { t } = useI18n();
  const structural = editable && campaign.locks.length === 0;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ReplaceModulesBody>();
  const save = useCampaignWrite(campaign.code, (body: ReplaceModulesBody) =>
    api.put<CampaignDetailView>(`${campaignPath(campaign.code)}/modules`, body),
  );
  useEffect(() => {
    form.setFieldsValue({ modules: campaign.modules.map((m) => ({ ...m })) });
  }, [campaign.modules, form]);
  const watched = Form.useWatch('modules', form) as Partial<ModuleView>[] | undefined;
  // Adding up the budgets a user typed is a form hint, not a score: the server decides.
  const total = useMemo(
    () => (watched ?? []).reduce((sum, m) => sum + (typeof m?.budget === 'number' ? m.budget : 0), 0),
    [watched],
  );
  const totalOk = Math.abs(total - 100) < 1e-9;

  return (
    <Card size="small" title={t('model.modules')}>
      <Form<ReplaceModulesBody>
        form={form}
        disabled={!editable}
        onValuesChange={() => save.isError && save.reset()}
        onFinish={(body) =>
          save.mutate(
            {
              modules: body.modules.map((m) => ({
                code: m.code.trim(),
                name: m.name.trim(),
                budget: m.budget,
                kind: m.kind,
              })),
            },
            { onSuccess: () => message.success(t('common.saved')) },
          )
        }
      >
        <Form.List name="modules">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap={isMobile}>
                  <Form.Item
                    name={[field.name, 'code']}
                    rules={[
                      { required: true, message: t('units.codeRequired') },
                      ...CODE_RULES.map((r) => ({ ...r, message: t('units.codePattern') })),
                    ]}
                    style={{ width: 80, marginBottom: 0 }}
                  >
                    <Input
                      aria-label={t('model.code')}
                      placeholder={t('model.code')}
                      disabled={!structural}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}
                    style={{ flex: 1, minWidth: 120, marginBottom: 0 }}
                  >
                    <Input aria-label={t('model.name')} placeholder={t('model.name')} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'budget']}
                    rules={[{ required: true, message: t('model.budgetRequired') }]}
                    style={{ width: 96, marginBottom: 0 }}
                  >
                    <InputNumber
                      min={0}
                      max={100}
                      aria-label={t('model.budget')}
                      placeholder={t('model.budget')}
                      suffix={t('model.pointsUnit')}
                      disabled={!structural}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} style={{ width: 96, marginBottom: 0 }}>
                    <Select
                      aria-label={t('model.kind')}
                      disabled={!structural}
                      options={[
                        { value: 'plan', label: t('model.kind.plan') },
                        { value: 'bonus', label: t('model.kind.bonus') },
                      ]}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('model.remove')}
                    onClick={() => remove(field.name)}
                    disabled={!structural || fields.length <= 1}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', name: '', budget: 0, kind: 'plan' })}
                disabled={!structural}
              >
                {t('model.addModule')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
          <Typography.Text type={totalOk ? 'success' : 'danger'} strong data-testid="budget-total">
            {totalOk
              ? t('model.totalOk', { total: formatNumber(total) })
              : t('model.totalBad', { total: formatNumber(total) })}
          </Typography.Text>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('model.saveModules')}
          </Button>
        </Flex>
        <div style={{ marginTop: 12 }}>
          <ServerError error={save.error} />
        </div>
      </Form>
    </Card>
  );
}

/** 星/板块: the campaign's stars and its 100-point module budgets. */
export function StarsModulesTab({ campaign, editable }: { campaign: CampaignDetailView; editable: boolean }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      {campaign.locks.length > 0 && (
        <Alert type="warning" showIcon icon={<InfoCircleOutlined />} title={t('model.lockedHint')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <StarsCard campaign={campaign} editable={editable} />
        </Col>
        <Col xs={24} lg={14}>
          <ModulesCard campaign={campaign} editable={editable} />
        </Col>
      </Row>
    </Flex>
  );
}
