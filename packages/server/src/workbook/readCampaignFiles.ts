import { type ImportIssue, invalid } from '../lib/errors';
import { type ParsedWorkbook, readWorkbook } from './readWorkbook';
import { SHEETS, type SheetKey } from './sheets';

/** An uploaded (or command-line) file: its name and bytes. */
export interface UploadedFile {
  name: string;
  content: Buffer;
}

/** Most files one campaign import takes: one per sheet of the CSV set, with room to spare. */
export const MAX_CAMPAIGN_FILES = 20;

/**
 * Recovers a file name as the user wrote it: percent-encoded names are decoded, and UTF-8 bytes that a
 * multipart parser read as Latin-1 are read again as UTF-8.
 */
export function normaliseFileName(raw: string): string {
  let name = raw;
  if (/%[0-9A-Fa-f]{2}/.test(name)) {
    try {
      name = decodeURIComponent(name);
    } catch {
      // not percent-encoded after all
    }
  }
  const codes = [...name].map((ch) => ch.codePointAt(0) ?? 0);
  if (codes.some((c) => c >= 0x80) && codes.every((c) => c <= 0xff)) {
    const utf8 = Buffer.from(name, 'latin1').toString('utf8');
    if (!utf8.includes('\ufffd')) name = utf8;
  }
  return name;
}

function sheetOfFileName(name: string): SheetKey | null {
  const base = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .trim()
    .toLowerCase();
  for (const key of Object.keys(SHEETS) as SheetKey[])
    if (SHEETS[key].names.some((n) => n.toLowerCase() === base)) return key;
  return null;
}

/**
 * Reads a campaign workbook from one `.xlsx`, one `.json`, or a set of `.csv` files each named after its
 * sheet (方案.csv, 得分.csv…). Throws a 400 naming every file that cannot be placed.
 */
export async function readCampaignFiles(files: UploadedFile[]): Promise<ParsedWorkbook> {
  if (files.length === 0) throw invalid('请选择要导入的文件', 'file');
  if (files.length > MAX_CAMPAIGN_FILES) throw invalid(`一次最多导入 ${MAX_CAMPAIGN_FILES} 个文件`, 'file');
  const named = files.map((f) => ({ ...f, name: normaliseFileName(f.name) }));
  const first = named[0];
  if (named.length === 1 && first && !first.name.toLowerCase().endsWith('.csv'))
    return readWorkbook(first.content, first.name, 'campaign');
  const issues: ImportIssue[] = [];
  const seen = new Map<SheetKey, string>();
  for (const f of named) {
    if (!f.name.toLowerCase().endsWith('.csv'))
      issues.push({ sheet: f.name, message: '多个文件导入时每个文件都必须是 .csv（一个工作表一个文件）' });
    const key = sheetOfFileName(f.name);
    if (!key)
      issues.push({
        sheet: f.name,
        message: '文件名应为工作表名：方案、单位、星、板块、创建目标、指标、得分 或 加分（如 得分.csv）',
      });
    else if (seen.has(key)) issues.push({ sheet: f.name, message: `与文件 ${seen.get(key)} 是同一个工作表` });
    else seen.set(key, f.name);
  }
  if (issues.length > 0) throw invalid('无法识别上传的文件，未做任何修改', 'file', issues);
  const merged: ParsedWorkbook = {};
  for (const f of named) Object.assign(merged, await readWorkbook(f.content, f.name, 'campaign'));
  return merged;
}
