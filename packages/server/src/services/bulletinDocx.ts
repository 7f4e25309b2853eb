import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { BulletinTable } from '../contracts/bulletin';
import type { BulletinDetail } from './bulletin.service';
import { chineseDate } from './bulletinText';

/**
 * The bulletin as a Word document in the layout of an official document (GB/T 9704 in spirit): A4, margins
 * 37/35/28/26 mm, title 22 pt bold centred (方正小标宋 where installed, else 宋体), 文号 centred, body 仿宋 16 pt
 * (三号) at 1.5 line spacing with a 2-character first-line indent, section headings 黑体, bordered tables whose
 * header row repeats on every page, issuer and date right-aligned at the end, "第 n 页 共 m 页" in the footer.
 */

const MM = 56.6929; // twips per millimetre
const BODY = 32; // half-points: 16 pt (三号)
const TABLE = 24; // 12 pt (小四)
const fangsong = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const heiti = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const titleFont = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const ONE_AND_HALF = { line: 360, lineRule: LineRuleType.AUTO };

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const cellText = (v: string | number | null) => (v === null ? '—' : String(v));

function table(t: BulletinTable): (Paragraph | Table)[] {
  const cell = (text: string, header: boolean) =>
    new TableCell({
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text, font: header ? heiti : fangsong, size: TABLE })],
        }),
      ],
    });
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 60 },
    children: [new TextRun({ text: t.title, font: heiti, size: TABLE + 4 })],
  });
  if (t.rows.length === 0)
    return [
      caption,
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: '（无）', font: fangsong, size: TABLE })],
      }),
    ];
  return [
    caption,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.headers.map((h) => cell(h, true)) }),
        ...t.rows.map(
          (r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(cellText(v), false)) }),
        ),
      ],
    }),
    new Paragraph({ children: [] }),
  ];
}

function body(text: string): Paragraph[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(
      (p) =>
        new Paragraph({
          spacing: ONE_AND_HALF,
          indent: { firstLine: 640 },
          alignment: AlignmentType.JUSTIFIED,
          // A single newline inside a paragraph is a line break, as on the page.
          children: p
            .split('\n')
            .map(
              (line, i) =>
                new TextRun({ text: line.trim(), break: i > 0 ? 1 : 0, font: fangsong, size: BODY }),
            ),
        }),
    );
}

/** Renders a bulletin as .docx bytes. */
export async function bulletinDocx(d: BulletinDetail): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240, line: 560, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: d.row.title, bold: true, font: titleFont, size: 44 })],
    }),
  ];
  if (d.row.doc_number)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 360 },
        children: [new TextRun({ text: d.row.doc_number, font: fangsong, size: BODY })],
      }),
    );
  const placed = new Set<string>();
  d.sections.forEach((s, i) => {
    if (s.heading)
      children.push(
        new Paragraph({
          spacing: ONE_AND_HALF,
          indent: { firstLine: 640 },
          children: [new TextRun({ text: s.heading, font: heiti, size: BODY })],
        }),
      );
    children.push(...body(s.text));
    for (const t of d.tables)
      if (t.section === i) {
        children.push(...table(t));
        placed.add(t.key);
      }
  });
  for (const t of d.tables) if (!placed.has(t.key)) children.push(...table(t));
  const right = (text: string, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { ...ONE_AND_HALF, before },
      indent: { right: 640 },
      children: [new TextRun({ text, font: fangsong, size: BODY })],
    });
  children.push(right(d.issuer, 480), right(chineseDate(d.dateLine)));

  const doc = new Document({
    creator: d.issuer,
    title: d.row.title,
    styles: { default: { document: { run: { font: fangsong, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                    font: fangsong,
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
