import { CopyOutlined, LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { ContestDetailView, JudgeAddedView, JudgeLinkView, JuryMemberView } from '../../../api/types';
import { errorMessage } from '../../../components/Feedback';
import { formatDateTime } from '../../../components/format';
import { applyFieldError } from '../../../components/formErrors';
import { absoluteUrl, QrCode } from '../../publications/QrCode';
import { useAddJudge, useNewJudgeLink, useRemoveJudge } from '../api';
import { useContestI18n } from '../i18n';
import { useCopy } from '../parts';

/** A link (and password) to hand to one judge, shown once. */
interface Handout {
  name: string;
  username: string;
  link: JudgeLinkView;
  password: string | null;
}

/** The link of either answer shape (a judge added, or a new link alone). */
function linkOf(answer: JudgeLinkView | JudgeAddedView): JudgeLinkView {
  return 'link' in answer ? answer.link : answer;
}

/** 评委: add judges (a generated account with a one-time login link), new links with QR codes, remove. */
export function JudgesTab({ view }: { view: ContestDetailView }) {
  const { t, lang } = useContestI18n();
  const { message } = App.useApp();
  const code = view.contest.code;
  const add = useAddJudge(code);
  const newLink = useNewJudgeLink(code);
  const remove = useRemoveJudge(code);
  const [form] = Form.useForm<{ displayName: string; ownUnitCode?: string }>();
  const [handout, setHandout] = useState<Handout | null>(null);
  const locked = view.contest.status === 'finished' || view.contest.status === 'announced';
  const fail = (cause: unknown) => void message.error(errorMessage(cause, t('common.unknownError')));

  const onAdd = (values: { displayName: string; ownUnitCode?: string }) =>
    add.mutate(
      { displayName: values.displayName, ownUnitCode: values.ownUnitCode ?? null },
      {
        onSuccess: (added) => {
          form.resetFields();
          setHandout({
            name: added.judge.displayName,
            username: added.judge.username,
            link: added.link,
            password: added.password,
          });
        },
        onError: (cause) => {
          if (!applyFieldError(form, cause, ['displayName', 'ownUnitCode'])) fail(cause);
        },
      },
    );

  return (
    <Flex vertical gap={16}>
      {!locked && (
        <Form form={form} layout="inline" onFinish={onAdd} style={{ rowGap: 8 }}>
          <Form.Item
            name="displayName"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('contest.form.required', { field: t('contest.judges.displayName') }),
              },
            ]}
          >
            <Input placeholder={t('contest.judges.displayName')} maxLength={50} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="ownUnitCode" tooltip={t('contest.judges.ownUnitHelp')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('contest.judges.ownUnit')}
              style={{ width: 260 }}
              options={view.participants.map((p) => ({ value: p.unitCode, label: p.unitName }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={add.isPending}>
            {t('contest.judges.add')}
          </Button>
        </Form>
      )}
      <Typography.Text type="secondary">
        {t('contest.judges.count', { count: view.jury.length })} · {t('contest.judges.linkHelp')}
      </Typography.Text>
      <Table<JuryMemberView>
        size="small"
        rowKey="userId"
        dataSource={view.jury}
        pagination={false}
        locale={{ emptyText: t('contest.judges.none') }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('contest.judges.displayName'), dataIndex: 'displayName', width: 140 },
          { title: t('contest.judges.username'), dataIndex: 'username', width: 140 },
          {
            title: t('contest.judges.ownUnit'),
            dataIndex: 'ownUnitName',
            render: (name: string | null) =>
              name ? (
                <Tag color="orange">{t('contest.judges.recuse', { unit: name })}</Tag>
              ) : (
                t('contest.judges.noRecuse')
              ),
          },
          {
            title: t('contest.judges.link'),
            key: 'link',
            render: (_: unknown, row) =>
              row.linkActive ? (
                <Tag color="green">
                  {t('contest.judges.expires', { at: formatDateTime(row.linkExpiresAt, lang) })}
                </Tag>
              ) : row.linkUsedAt ? (
                <Typography.Text type="secondary">
                  {t('contest.judges.used', { at: formatDateTime(row.linkUsedAt, lang) })}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            key: 'actions',
            width: 200,
            render: (_: unknown, row) =>
              locked ? null : (
                <Flex gap={4}>
                  <Button
                    size="small"
                    icon={<LinkOutlined />}
                    loading={newLink.isPending && newLink.variables === row.userId}
                    onClick={() =>
                      newLink.mutate(row.userId, {
                        onSuccess: (answer) =>
                          setHandout({
                            name: row.displayName,
                            username: row.username,
                            link: linkOf(answer),
                            password: null,
                          }),
                        onError: fail,
                      })
                    }
                  >
                    {t('contest.judges.newLink')}
                  </Button>
                  {view.contest.status === 'draft' && (
                    <Popconfirm
                      title={t('contest.judges.confirmRemove', { name: row.displayName })}
                      okText={t('contest.judges.remove')}
                      cancelText={t('contest.form.cancel')}
                      onConfirm={() => remove.mutate(row.userId, { onError: fail })}
                    >
                      <Button size="small" danger>
                        {t('contest.judges.remove')}
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              ),
          },
        ]}
      />
      <HandoutModal handout={handout} onClose={() => setHandout(null)} />
    </Flex>
  );
}

/** The one-time link of a judge: the address to copy, its QR code to scan, and a new account's password. */
function HandoutModal({ handout, onClose }: { handout: Handout | null; onClose: () => void }) {
  const { t, lang } = useContestI18n();
  const copy = useCopy();
  const url = handout ? absoluteUrl(handout.link.path) : '';
  return (
    <Modal
      open={handout !== null}
      title={handout ? `${handout.name} · ${t('contest.judges.link')}` : ''}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      {handout && (
        <Flex vertical gap={12} align="center" data-testid="judge-handout">
          <Alert type="warning" showIcon title={t('contest.judges.linkOnce')} style={{ width: '100%' }} />
          <QrCode text={url} size={220} alt={t('contest.judges.qrAlt', { name: handout.name })} />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={url} aria-label={t('contest.judges.link')} data-testid="judge-link" />
            <Button icon={<CopyOutlined />} onClick={() => copy(url)}>
              {t('contest.setup.copy')}
            </Button>
          </Space.Compact>
          <Typography.Text type="secondary">
            {t('contest.judges.username')}：{handout.username}
            {handout.password ? ` · ${t('contest.judges.password')}：${handout.password}` : ''} ·{' '}
            {t('contest.judges.expires', { at: formatDateTime(handout.link.expiresAt, lang) })}
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
