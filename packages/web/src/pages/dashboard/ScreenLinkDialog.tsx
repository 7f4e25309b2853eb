import { CopyOutlined, ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { bigScreenPath, useMakeScreenLink, useScreenLink } from './api';
import { useDashboardI18n } from './i18n';

/**
 * 大屏 link dialog (district admin): whether a link exists, making or replacing it (the old one stops working),
 * and — once, right after making it — the full link to copy or open.
 */
export function ScreenLinkDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useDashboardI18n();
  const { message, modal } = App.useApp();
  const link = useScreenLink(open);
  const make = useMakeScreenLink();
  const [url, setUrl] = useState<string | null>(null);

  const doMake = () =>
    make.mutate(undefined, {
      onSuccess: (view) => {
        if (view.token) setUrl(`${window.location.origin}${bigScreenPath(view.token)}`);
        message.success(t('dash.link.made'));
      },
    });
  const onMake = () => {
    if (!link.data?.exists) {
      doMake();
      return;
    }
    modal.confirm({
      title: t('dash.link.replace'),
      content: t('dash.link.replaceConfirm'),
      okText: t('dash.link.replace'),
      cancelText: t('common.cancel'),
      onOk: doMake,
    });
  };
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      message.success(t('dash.link.copied'));
    } catch {
      message.warning(t('dash.link.copyFailed'));
    }
  };

  const status = link.data;
  return (
    <Modal
      title={t('dash.link.title')}
      open={open}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="screen-link-dialog">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('dash.link.intro')}
        </Typography.Paragraph>
        {link.isPending ? (
          <Loading minHeight={60} />
        ) : link.isError ? (
          <Alert type="error" showIcon title={errorMessage(link.error, t('common.unknownError'))} />
        ) : (
          <Typography.Text>
            {status?.exists
              ? t('dash.link.exists', {
                  name: status.createdByName ?? '',
                  time: formatDateTime(status.createdAt, lang),
                })
              : t('dash.link.none')}
          </Typography.Text>
        )}
        {url && (
          <Flex vertical gap={8}>
            <Typography.Text strong>{t('dash.link.url')}</Typography.Text>
            <Input readOnly value={url} data-testid="screen-link-url" onFocus={(e) => e.target.select()} />
            <Space wrap>
              <Button icon={<CopyOutlined />} onClick={copy}>
                {t('dash.link.copy')}
              </Button>
              <Button icon={<ExportOutlined />} href={url} target="_blank" rel="noopener">
                {t('dash.link.open')}
              </Button>
            </Space>
          </Flex>
        )}
        {make.isError && (
          <Alert type="error" showIcon title={errorMessage(make.error, t('common.unknownError'))} />
        )}
        <div>
          <Button
            type={status?.exists ? 'default' : 'primary'}
            icon={<ReloadOutlined />}
            loading={make.isPending}
            disabled={link.isPending}
            onClick={onMake}
          >
            {status?.exists ? t('dash.link.replace') : t('dash.link.make')}
          </Button>
        </div>
      </Flex>
    </Modal>
  );
}
