import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Flex, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../components/idempotency';
import { useI18n } from '../../i18n';
import type { DraftPhoto } from '../../offline/drafts';
import { downscalePhoto, photoProblem } from '../../offline/image';

export const MAX_PHOTOS = 9;

function Thumb({ photo, label, onRemove }: { photo: DraftPhoto; label: string; onRemove?: () => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(photo.thumbUrl);
  useEffect(() => {
    if (!photo.blob) {
      setUrl(photo.thumbUrl);
      return;
    }
    const objectUrl = URL.createObjectURL(photo.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo.blob, photo.thumbUrl]);
  return (
    <div style={{ position: 'relative', width: 64, height: 64, flex: 'none' }}>
      {url && (
        <img
          src={url}
          alt={label}
          style={{
            width: 64,
            height: 64,
            objectFit: 'cover',
            borderRadius: 6,
            border: '1px solid #f0f0f0',
            background: '#fafafa',
          }}
        />
      )}
      {onRemove && (
        <Button
          size="small"
          shape="circle"
          danger
          type="primary"
          icon={<CloseOutlined style={{ fontSize: 10 }} />}
          aria-label={t('onsite.photo.remove')}
          onClick={onRemove}
          style={{ position: 'absolute', top: -6, right: -6, width: 20, height: 20, minWidth: 20 }}
        />
      )}
    </div>
  );
}

/**
 * Photo evidence from the phone's camera: type and size checked here, each photo made a ≤2048 px JPEG with
 * its own idempotency key, thumbnails shown and removable until submitted.
 */
export function PhotoPicker({
  photos,
  onChange,
  label,
  disabled = false,
  testId,
}: {
  photos: DraftPhoto[];
  onChange: (photos: DraftPhoto[]) => void;
  label: string;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(photos);
  latest.current = photos;

  const onFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    const added: DraftPhoto[] = [];
    try {
      for (const file of [...files]) {
        if (latest.current.length + added.length >= MAX_PHOTOS) {
          message.warning(t('onsite.photo.tooMany', { max: MAX_PHOTOS }));
          break;
        }
        const problem = photoProblem(file);
        if (problem) {
          message.error(problem === 'type' ? t('onsite.photo.badType') : t('onsite.photo.tooBig'));
          continue;
        }
        try {
          const blob = await downscalePhoto(file);
          added.push({ key: newIdempotencyKey(), blob, thumbUrl: null, takenAt: new Date().toISOString() });
        } catch {
          message.error(t('onsite.photo.unreadable'));
        }
      }
      if (added.length > 0) onChange([...latest.current, ...added]);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Flex gap={10} wrap align="center" style={{ paddingTop: 4 }}>
      {photos.map((p) => (
        <Thumb
          key={p.key}
          photo={p}
          label={label}
          onRemove={disabled ? undefined : () => onChange(photos.filter((x) => x.key !== p.key))}
        />
      ))}
      {!disabled && photos.length < MAX_PHOTOS && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            aria-label={label}
            data-testid={testId}
            style={{ display: 'none' }}
            onChange={(e) => void onFiles(e.target.files)}
          />
          <Button
            icon={busy ? <Spin size="small" /> : <CameraOutlined />}
            onClick={() => input.current?.click()}
            disabled={busy}
            style={{ height: 64, width: 64, flexDirection: 'column', gap: 2, fontSize: 12, padding: 0 }}
          >
            {t('onsite.photo.take')}
          </Button>
        </>
      )}
    </Flex>
  );
}
