import { DownloadMenu } from '../../components/DownloadMenu';

/** The organisation tree as the 单位 sheet: Excel, CSV or JSON. */
export function ExportButton() {
  return <DownloadMenu url={(format) => `/api/units/export?format=${format}`} />;
}
