import { FileTextOutlined, LeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type {
  AddCreationEntryBody,
  CreationEntryKind,
  CreationEntryView,
  CreationFileView,
  CreationFileWriteView,
  CreationStarView,
} from '../../api/types';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EmptyState, ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { applyFieldError } from '../../components/formErrors';
import { isRetryable, newIdempotencyKey } from '../../components/idempotency';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';
import { type PhotoState, PhotoUploader } from '../problems/PhotoUploader';

const filePath = (campaign: string, unit: string) =>
  `/api/campaigns/${encodeURIComponent(campaign)}/units/${encodeURIComponent(unit)}/creation-file`;
const fileKey = (campaign: string, unit: string) => ['creation-file', campaign, unit] as const;

interface EntryFields {
  star: string;
  kind: CreationEntryKind;
  text: string;
  percent?: number | null;
}

/** 记一笔: a measure or a progress report (with how far along) for one target star, with photos as evidence. */
function AddEntryForm({ campaign, file }: { campaign: string; file: CreationFileView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<EntryFields>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [photos, setPhotos] = useState<PhotoState>({ keys: [], uploading: false });
  const [uploader, setUploader] = useState(0);
  const kind: CreationEntryKind = Form.useWatch('kind', form) ?? 'measure';
  const add = useMutation({
    mutationFn: (body: AddCreationEntryBody) =>
      api.post<CreationFileWriteView>(filePath(campaign, file.unit.code), body),
    onSuccess: (r) => client.setQueryData(fileKey(campaign, file.unit.code), r.file),
  });
  const submit = (v: EntryFields) =>
    add.mutate(
      {
        idempotencyKey: key,
        star: v.star,
        kind: v.kind,
        text: v.text,
        ...(v.kind === 'progress' ? { percent: v.percent ?? null } : {}),
        photoKeys: photos.keys,
      },
      {
        onSuccess: () => {
          message.success(t('creation.saved'));
          form.resetFields(['text', 'percent']);
          setPhotos({ keys: [], uploading: false });
          setUploader((n) => n + 1);
          setKey(newIdempotencyKey());
        },
        onError: (error) => {
          if (!(error instanceof ApiError) || !isRetryable(error.status)) setKey(newIdempotencyKey());
          if (!applyFieldError(form, error, ['star', 'kind', 'text', 'percent']))
            message.error(errorMessage(error, t('common.unknownError')));
        },
      },
    );
  return (
    <Card size="small" title={t('creation.addTitle')} data-testid="creation-form">
      <Form<EntryFields>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ star: file.stars[0]?.star, kind: 'measure' }}
        onFinish={submit}
      >
        <Form.Item name="star" label={t('creation.star')}>
          <Select options={file.stars.map((s) => ({ value: s.star, label: s.starName }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('creation.kind')}>
          <Radio.Group
            optionType="button"
            options={(['measure', 'progress'] as const).map((k) => ({
              value: k,
              label: t(`creation.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t(`creation.text.${kind}`)}
          rules={[{ required: true, whitespace: true, message: t('creation.textRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t(`creation.placeholder.${kind}`)}
          />
        </Form.Item>
        {kind === 'progress' && (
          <Form.Item
            name="percent"
            label={t('creation.percent')}
            rules={[{ required: true, message: t('creation.percentRequired') }]}
          >
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} />
          </Form.Item>
        )}
        <Form.Item label={t('creation.photos')}>
          <PhotoUploader key={uploader} unitCode={file.unit.code} onChange={setPhotos} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={add.isPending} disabled={photos.uploading}>
          {t('creation.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function EntryLine({ entry }: { entry: CreationEntryView }) {
  const { t, lang } = useI18n();
  return (
    <Flex vertical gap={4} className="wx-creation-entry" data-testid="creation-entry">
      <Flex gap={8} align="baseline" wrap>
        {entry.percent !== null && (
          <Tag color="blue">{t('creation.percentTag', { percent: entry.percent })}</Tag>
        )}
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{entry.text}</Typography.Text>
      </Flex>
      {entry.photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={6} wrap>
            {entry.photos.map((p) => (
              <Image
                key={p.id}
                src={p.thumbUrl}
                preview={{ src: p.url }}
                width={64}
                height={64}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                alt={t('creation.photoAlt')}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('creation.enteredBy', { name: entry.enteredByName, at: formatDateTime(entry.enteredAt, lang) })}
      </Typography.Text>
    </Flex>
  );
}

function EntryList({
  title,
  empty,
  entries,
}: {
  title: string;
  empty: string;
  entries: CreationEntryView[];
}) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {entries.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {empty}
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap={10} style={{ marginTop: 6 }}>
          {entries.map((e) => (
            <EntryLine key={e.id} entry={e} />
          ))}
        </Flex>
      )}
    </div>
  );
}

function StarCard({ part }: { part: CreationStarView }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={part.starName}
      data-testid={`creation-star-${part.star}`}
      extra={
        part.percent === null ? (
          <Typography.Text type="secondary">{t('creation.noProgress')}</Typography.Text>
        ) : (
          <Progress percent={part.percent} size="small" style={{ width: 140, margin: 0 }} />
        )
      }
    >
      <Flex vertical gap={12}>
        <EntryList title={t('creation.measures')} empty={t('creation.noMeasures')} entries={part.measures} />
        <EntryList title={t('creation.progress')} empty={t('creation.noProgress')} entries={part.progress} />
      </Flex>
    </Card>
  );
}

/**
 * 创建档案 (`/creation-file` for a village's own unit, `/creation-file/:unitCode` for the others who may read it):
 * per target star its measures and progress reports with photos; the village adds to it here.
 */
export function CreationFilePage() {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { unitCode: routeUnit } = useParams<{ unitCode: string }>();
  const { campaigns, chosen } = useChosenCampaign();
  const units = useUnits(!routeUnit);
  const unitCode = routeUnit ?? units.data?.find((u) => u.id === user.scopeUnitId)?.code;
  const campaign = chosen?.code;
  const file = useQuery({
    queryKey: fileKey(campaign ?? '', unitCode ?? ''),
    queryFn: () => api.get<CreationFileView>(filePath(campaign ?? '', unitCode ?? '')),
    enabled: Boolean(campaign && unitCode),
  });

  if (campaigns.isPending || (!routeUnit && units.isPending)) return <Loading />;
  if (campaigns.isError) return <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  if (!chosen || !unitCode)
    return (
      <Card>
        <EmptyState description={t('campaigns.none')} />
      </Card>
    );
  const view = file.data;
  return (
    <>
      {routeUnit && (
        <Button type="link" icon={<LeftOutlined />} style={{ paddingLeft: 0 }} onClick={() => navigate(-1)}>
          {t('creation.back')}
        </Button>
      )}
      <PageHeader
        title={
          <>
            <FileTextOutlined /> {t('creation.title')}
            {view ? ` · ${view.unit.name}` : ''}
          </>
        }
        subtitle={
          view
            ? t('creation.subtitle', { campaign: view.campaign.name, street: view.unit.streetName ?? '' })
            : undefined
        }
        extra={<CampaignPicker campaigns={campaigns.data} chosen={chosen} />}
      />
      {file.isPending ? (
        <Loading />
      ) : file.isError || !view ? (
        <ErrorBox error={file.error} onRetry={() => file.refetch()} />
      ) : (
        <Flex vertical gap={12} data-testid="creation-file">
          <Alert type="info" showIcon title={t('creation.hint')} />
          {view.stars.length === 0 ? (
            <Card>
              <Empty description={t('creation.noTargets')} />
            </Card>
          ) : (
            view.stars.map((part) => <StarCard key={part.star} part={part} />)
          )}
          {view.can.add && view.stars.length > 0 && <AddEntryForm campaign={chosen.code} file={view} />}
        </Flex>
      )}
    </>
  );
}
