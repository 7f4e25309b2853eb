import ExcelJS from 'exceljs';

/** The rows of one sheet of an xlsx file, as values (empty cells null), title and header rows included. */
export async function sheetRows(buffer: Buffer, sheet: string): Promise<(string | number | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: (string | number | null)[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as (string | number | null | undefined)[]).slice(1).map((v) => v ?? null));
  });
  return rows;
}
