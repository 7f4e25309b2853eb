import { App, Button, Card, Empty, Flex, Form, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ObjectionView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { newIdempotencyKey } from '../../components/idempotency';
import { useAcceptObjection, useRejectObjection } from '../../hooks/usePublications';
import { PhotoGrid } from '../problems/PhotoGrid';
import { usePublicationsI18n } from './i18n';
import { ObjectionStatusTag } from './labels';

type Deciding = { objection: ObjectionView; kind: 'accept' | 'reject' } | null;

/** The objections in view, with the district admin's 采纳 / 不予采纳 on pending ones. */
export function ObjectionList({
  publicationId,
  objections,
  canManage,
}: {
  publicationId: string;
  objections: readonly ObjectionView[];
  canManage: boolean;
}) {
  const { t, lang } = usePublicationsI18n();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<Deciding>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const accept = useAcceptObjection(publicationId);
  const reject = useRejectObjection(publicationId);
  const key = useRef(newIdempotencyKey());

  if (objections.length === 0) return <Empty description={t('pub.objections.none')} />;

  const decide = ({ reason }: { reason: string }) => {
    if (!deciding) return;
    const done = {
      onSuccess: () => {
        key.current = newIdempotencyKey();
        setDeciding(null);
        form.resetFields();
      },
      onError: (error: unknown) => message.error(errorMessage(error, '')),
    };
    if (deciding.kind === 'accept')
      accept.mutate(
        { objectionId: deciding.objection.id, body: { idempotencyKey: key.current, reason } },
        {
          ...done,
          onSuccess: (res) => {
            message.success(t('pub.objections.resolved', { n: res.publication.currentVersion }));
            done.onSuccess();
          },
        },
      );
    else reject.mutate({ objectionId: deciding.objection.id, body: { reason } }, done);
  };

  return (
    <Flex vertical gap={12}>
      {objections.map((o) => (
        <Card key={o.id} size="small" data-objection={o.unitCode}>
          <Flex justify="space-between" align="flex-start" gap={8} wrap>
            <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{o.unitName}</Typography.Text>
                <ObjectionStatusTag status={o.status} t={t} />
                <Typography.Text type="secondary">
                  {t('pub.objections.against', { n: o.version })}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0 }}>{o.reason}</Typography.Paragraph>
              <PhotoGrid photos={o.photos} size={72} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pub.objections.filedBy', { name: o.filedByName, at: formatDateTime(o.filedAt, lang) })}
              </Typography.Text>
              {o.status !== 'pending' && (
                <div style={{ background: '#fafafa', padding: '6px 10px', borderRadius: 6 }}>
                  <Typography.Text>{o.decisionReason}</Typography.Text>
                  {o.resolvedVersion !== null && (
                    <Typography.Text type="success">
                      {' '}
                      · {t('pub.objections.resolved', { n: o.resolvedVersion })}
                    </Typography.Text>
                  )}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('pub.objections.decidedBy', {
                        name: o.decidedByName ?? '',
                        at: formatDateTime(o.decidedAt, lang),
                      })}
                    </Typography.Text>
                  </div>
                </div>
              )}
            </Flex>
            {canManage && o.status === 'pending' && (
              <Flex gap={8}>
                <Button type="primary" onClick={() => setDeciding({ objection: o, kind: 'accept' })}>
                  {t('pub.objections.accept')}
                </Button>
                <Button onClick={() => setDeciding({ objection: o, kind: 'reject' })}>
                  {t('pub.objections.reject')}
                </Button>
              </Flex>
            )}
          </Flex>
        </Card>
      ))}
      <Modal
        open={deciding !== null}
        title={
          deciding?.kind === 'accept' ? t('pub.objections.acceptTitle') : t('pub.objections.rejectTitle')
        }
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: accept.isPending || reject.isPending }}
        destroyOnHidden
      >
        {deciding?.kind === 'accept' && (
          <Typography.Paragraph type="secondary">{t('pub.objections.acceptHint')}</Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" onFinish={decide}>
          <Form.Item
            name="reason"
            label={
              deciding?.kind === 'accept'
                ? t('pub.objections.acceptReason')
                : t('pub.objections.rejectReason')
            }
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
