import { pdfHex as pdfHexOf, textWidth, wrapText, wrapTitle } from './text';
import { A4, FONT, type PdfInfo, writePdf } from './writer';

/**
 * A flowing A4 document for our PDF writer: a centred title, centred lines (文号), headings, paragraphs with a
 * two-character first-line indent, bordered tables (caption, shaded header row repeated after every page break,
 * cells wrapped to their column), and a right-aligned signature (落款 and date) kept together at the end. Every
 * page gets "第 n 页 共 m 页" at its foot. Bold is drawn as filled-and-stroked text (the font is not embedded,
 * so there is no bold face to ask for).
 */

/** One block of a document, laid out top to bottom. */
export type PdfBlock =
  | { kind: 'title'; text: string }
  | { kind: 'center'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; title: string; headers: string[]; rows: string[][] }
  | { kind: 'signature'; lines: string[] };

/** Margins in points (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm). */
const MM = 72 / 25.4;
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;

const TITLE = { size: 22, leading: 34 };
const BODY = { size: 16, leading: 28 };
const CELL = { size: 10.5, leading: 15, padX: 4, padY: 4 };
const CAPTION = { size: 12, leading: 22 };
const FOOT = { size: 10.5 };

const n2 = (x: number) => (Math.round(x * 100) / 100).toString();

class Flow {
  readonly pages: string[][] = [];
  private ops: string[] = [];
  /** Distance of the cursor from the top of the page. */
  y = MARGIN.top;

  constructor() {
    this.pages.push(this.ops);
  }

  newPage(): void {
    this.ops = [];
    this.pages.push(this.ops);
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM + 0.01 && this.y > MARGIN.top) this.newPage();
  }

  /** Draws one line of text whose line box starts `top` points from the page's top. */
  text(x: number, top: number, leading: number, size: number, text: string, bold = false): void {
    if (text === '') return;
    const baseline = A4.height - (top + (leading - size) / 2 + size * 0.88);
    const style = bold ? `2 Tr ${n2(size / 40)} w ` : '';
    this.ops.push(
      `BT ${style}${FONT} ${n2(size)} Tf ${n2(x)} ${n2(baseline)} Td ${pdfHexOf(text)} Tj ET${bold ? ' 0 Tr' : ''}`,
    );
  }

  rect(x: number, top: number, w: number, h: number, fill: boolean): void {
    const y = A4.height - top - h;
    this.ops.push(
      fill
        ? `q 0.9 g ${n2(x)} ${n2(y)} ${n2(w)} ${n2(h)} re f Q`
        : `q 0.5 w ${n2(x)} ${n2(y)} ${n2(w)} ${n2(h)} re S Q`,
    );
  }
}

function centered(flow: Flow, lines: string[], size: number, leading: number, bold: boolean): void {
  for (const line of lines) {
    flow.ensure(leading);
    flow.text(MARGIN.left + (WIDTH - textWidth(line, size)) / 2, flow.y, leading, size, line, bold);
    flow.y += leading;
  }
}

/** A paragraph: the first line indented; a single newline inside it starts a new (unindented) line. */
function paragraph(flow: Flow, text: string, indent: number, bold = false): void {
  const lines = text
    .split('\n')
    .flatMap((part, k) => wrapText(part.trim(), WIDTH, BODY.size, k === 0 ? indent : 0));
  lines.forEach((line, i) => {
    flow.ensure(BODY.leading);
    flow.text(MARGIN.left + (i === 0 ? indent : 0), flow.y, BODY.leading, BODY.size, line, bold);
    flow.y += BODY.leading;
  });
}

/** Column widths: natural widths scaled to fill the text width, long columns shrunk first when too wide. */
function columnWidths(headers: string[], rows: string[][]): number[] {
  const pad = 2 * CELL.padX;
  const natural = headers.map(
    (h, j) =>
      Math.max(
        textWidth(h, CELL.size),
        ...rows.map((r) => Math.min(textWidth(r[j] ?? '', CELL.size), 16 * CELL.size)),
      ) + pad,
  );
  const minimum = natural.map((w) => Math.min(w, 4 * CELL.size + pad));
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= WIDTH) return natural.map((w) => (w * WIDTH) / total);
  const minTotal = minimum.reduce((a, b) => a + b, 0);
  if (minTotal >= WIDTH) return minimum.map((w) => (w * WIDTH) / minTotal);
  const k = (WIDTH - minTotal) / (total - minTotal);
  return natural.map((w, j) => (minimum[j] ?? 0) + (w - (minimum[j] ?? 0)) * k);
}

function table(flow: Flow, block: Extract<PdfBlock, { kind: 'table' }>): void {
  const widths = columnWidths(block.headers, block.rows);
  const wrapRow = (cells: string[]) =>
    widths.map((w, j) => wrapText(cells[j] ?? '', w - 2 * CELL.padX, CELL.size));
  const heightOf = (wrapped: string[][]) =>
    Math.max(...wrapped.map((l) => l.length)) * CELL.leading + 2 * CELL.padY;
  const header = wrapRow(block.headers);
  const headerHeight = heightOf(header);
  const rows = block.rows.map(wrapRow);
  // A column whose cells wrap reads better left-aligned throughout; others are centred.
  const leftAligned = widths.map((_, j) => rows.some((r) => (r[j]?.length ?? 0) > 1));
  const drawRow = (wrapped: string[][], shaded: boolean) => {
    const h = heightOf(wrapped);
    let x = MARGIN.left;
    wrapped.forEach((lines, j) => {
      const w = widths[j] ?? 0;
      if (shaded) flow.rect(x, flow.y, w, h, true);
      flow.rect(x, flow.y, w, h, false);
      const top = flow.y + (h - lines.length * CELL.leading) / 2;
      lines.forEach((line, i) => {
        const tx = leftAligned[j] && !shaded ? x + CELL.padX : x + (w - textWidth(line, CELL.size)) / 2;
        flow.text(tx, top + i * CELL.leading, CELL.leading, CELL.size, line, shaded);
      });
      x += w;
    });
    flow.y += h;
  };

  const first = rows[0];
  // Keep the caption with the header and the first row.
  flow.ensure(CAPTION.leading + headerHeight + (first ? heightOf(first) : CELL.leading));
  flow.y += 4;
  centered(flow, [block.title], CAPTION.size, CAPTION.leading, true);
  if (rows.length === 0) {
    centered(flow, ['（无）'], CELL.size, CELL.leading + 6, false);
    flow.y += 8;
    return;
  }
  drawRow(header, true);
  for (const row of rows) {
    const h = heightOf(row);
    if (flow.y + h > BOTTOM + 0.01) {
      flow.newPage();
      drawRow(header, true);
    }
    drawRow(row, false);
  }
  flow.y += 10;
}

/**
 * The Song faces readers substitute draw `%` wider than the half em the font declares, so it overlaps what
 * follows; the full-width sign fits its em.
 */
const fit = (text: string) => text.replace(/%/g, '％');

function printable(b: PdfBlock): PdfBlock {
  switch (b.kind) {
    case 'table':
      return { ...b, title: fit(b.title), headers: b.headers.map(fit), rows: b.rows.map((r) => r.map(fit)) };
    case 'signature':
      return { ...b, lines: b.lines.map(fit) };
    default:
      return { ...b, text: fit(b.text) };
  }
}

/** Lays out the blocks on A4 pages and writes the PDF, with page numbers 第 n 页 共 m 页. */
export function renderPdf(blocks: PdfBlock[], info: PdfInfo): Buffer {
  const flow = new Flow();
  for (const b of blocks.map(printable)) {
    switch (b.kind) {
      case 'title':
        centered(flow, wrapTitle(b.text, WIDTH, TITLE.size), TITLE.size, TITLE.leading, true);
        flow.y += 6;
        break;
      case 'center':
        centered(flow, [b.text], BODY.size, BODY.leading, false);
        flow.y += 10;
        break;
      case 'heading':
        // A heading never ends a page alone.
        flow.ensure(2 * BODY.leading);
        paragraph(flow, b.text, 2 * BODY.size, true);
        break;
      case 'paragraph':
        paragraph(flow, b.text, 2 * BODY.size);
        break;
      case 'table':
        table(flow, b);
        break;
      case 'signature': {
        flow.y += BODY.leading;
        flow.ensure(b.lines.length * BODY.leading);
        const right = MARGIN.left + WIDTH - 2 * BODY.size;
        // The lines are centred on each other (the date under the issuer), right-aligned as a block.
        const blockWidth = Math.max(...b.lines.map((l) => textWidth(l, BODY.size)));
        for (const line of b.lines) {
          const x = right - blockWidth + (blockWidth - textWidth(line, BODY.size)) / 2;
          flow.text(x, flow.y, BODY.leading, BODY.size, line);
          flow.y += BODY.leading;
        }
        break;
      }
    }
  }
  const total = flow.pages.length;
  const streams = flow.pages.map((ops, i) => {
    const label = `第 ${i + 1} 页 共 ${total} 页`;
    const baseline = MARGIN.bottom - 28;
    const x = (A4.width - textWidth(label, FOOT.size)) / 2;
    return [...ops, `BT ${FONT} ${FOOT.size} Tf ${n2(x)} ${n2(baseline)} Td ${pdfHexOf(label)} Tj ET`].join(
      '\n',
    );
  });
  return writePdf(streams, info);
}
