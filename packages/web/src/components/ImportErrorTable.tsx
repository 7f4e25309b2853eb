import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ApiErrorDetail } from '../api/types';
import { useIsMobile } from '../hooks/useIsMobile';
import { useI18n } from '../i18n';

/**
 * Sorts problems the way a reader fixes them: sheet by sheet in the order the file has them (the
 * server reports in workbook order), then by row, then column.
 */
function sortDetails(details: readonly ApiErrorDetail[]): ApiErrorDetail[] {
  const sheetOrder = new Map<string, number>();
  for (const d of details) if (!sheetOrder.has(d.sheet ?? '')) sheetOrder.set(d.sheet ?? '', sheetOrder.size);
  return [...details].sort(
    (a, b) =>
      (sheetOrder.get(a.sheet ?? '') ?? 0) - (sheetOrder.get(b.sheet ?? '') ?? 0) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? '').localeCompare(b.column ?? ''),
  );
}

/** The import error report: one line per problem, with sheet, row, column and message. */
export function ImportErrorTable({ details }: { details: ApiErrorDetail[] }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const rows = sortDetails(details).map((d, i) => ({ ...d, key: i }));
  if (isMobile) {
    return (
      <Flex vertical gap={8} style={{ maxHeight: 360, overflowY: 'auto' }}>
        {rows.map((d) => (
          <div key={d.key} className="wx-import-error-card">
            <Flex gap={6} wrap style={{ fontSize: 12 }}>
              <Tag style={{ marginInlineEnd: 0 }}>{t('import.where.sheet', { sheet: d.sheet ?? '—' })}</Tag>
              {d.row !== undefined && (
                <Tag style={{ marginInlineEnd: 0 }}>{t('import.where.row', { row: d.row })}</Tag>
              )}
              {d.column && (
                <Tag style={{ marginInlineEnd: 0 }}>{t('import.where.column', { column: d.column })}</Tag>
              )}
            </Flex>
            <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
              {d.message}
            </Typography.Text>
          </div>
        ))}
      </Flex>
    );
  }
  return (
    <Table<ApiErrorDetail & { key: number }>
      className="wx-import-errors"
      size="small"
      bordered
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ y: 360 }}
      columns={[
        {
          title: t('import.col.sheet'),
          dataIndex: 'sheet',
          width: 90,
          render: (v: string | undefined) => v ?? '—',
        },
        {
          title: t('import.col.row'),
          dataIndex: 'row',
          width: 64,
          align: 'right',
          render: (v: number | undefined) => v ?? '—',
        },
        {
          title: t('import.col.column'),
          dataIndex: 'column',
          width: 100,
          render: (v: string | undefined) => v ?? '—',
        },
        {
          title: t('import.col.message'),
          dataIndex: 'message',
          render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text>,
        },
      ]}
    />
  );
}

/** A refused import: what went wrong, which file(s), and every located problem to fix before trying again. */
export function ImportFailure({
  message,
  files,
  details,
}: {
  message: string;
  files: string;
  details: ApiErrorDetail[];
}) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12} data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={message}
        description={
          <>
            <div>{t('import.failedFile', { file: files })}</div>
            {details.length > 0 && <div>{t('import.fixAndRetry')}</div>}
          </>
        }
      />
      {details.length > 0 && <ImportErrorTable details={details} />}
    </Flex>
  );
}
