import { ASCII_WIDTHS, pdfHex } from './text';

/**
 * The smallest PDF file that prints Chinese without shipping a font: one Type0 font `STSong-Light`
 * (Adobe-GB1, not embedded — readers substitute an installed Song face), `/Encoding /UniGB-UTF16-H` so text is
 * written as UTF-16BE hex strings, `/DW 1000` and STSong-Light's proportional widths of printable ASCII. Content streams are
 * left uncompressed, so the file can be read back as text (the tests do).
 */

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 };

/** The font resource name the content streams use. */
export const FONT = '/F1';

/** Metadata written to the document information dictionary. */
export interface PdfInfo {
  title: string;
  author?: string;
}

/** A PDF text string for the information dictionary: UTF-16BE with its byte-order mark. */
function infoString(text: string): string {
  return `<FEFF${pdfHex(text).slice(1, -1)}>`;
}

/** Writes pages (each a content stream of PDF operators, ASCII only) into a complete PDF file. */
export function writePdf(pages: string[], info: PdfInfo): Buffer {
  const objects: string[] = [];
  // 1 catalog, 2 pages, 3 Type0 font, 4 CIDFont, 5 descriptor, 6 info, then page + content pairs.
  const firstPage = 7;
  const kids = pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>',
  );
  objects.push(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      `/FontDescriptor 5 0 R /DW 1000 /W [1 [${ASCII_WIDTHS.join(' ')}]] >>`,
  );
  objects.push(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 626 /StemV 93 >>',
  );
  objects.push(
    `<< /Title ${infoString(info.title)}${info.author ? ` /Author ${infoString(info.author)}` : ''} /Producer (Wuxing) >>`,
  );
  pages.forEach((content, i) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
        `/Resources << /Font << ${FONT} 3 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });

  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
