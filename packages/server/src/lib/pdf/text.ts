/**
 * Text for our PDF writer: UTF-16BE hex strings for the `/UniGB-UTF16-H` encoding, widths as the font
 * declares them (`/DW 1000`, and for printable ASCII (CIDs 1–95) STSong-Light's own proportional widths, so a
 * substituted Song or Sans face sets "52.28" without gaps), and
 * line wrapping by measured width with the Chinese line-breaking rules that matter most (no closing punctuation
 * at a line's start — it hangs at the end of the line instead; no opening punctuation at a line's end; Latin
 * words and numbers are not split unless they are wider than a line).
 */

/** The text as a PDF hex string of UTF-16BE code units (no byte-order mark), e.g. `<4E2D0041>`. */
export function pdfHex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${out}>`;
}

/** STSong-Light's widths (1/1000 em) of printable ASCII, U+0020 … U+007E = CIDs 1 … 95 (Adobe-GB1). */
export const ASCII_WIDTHS: readonly number[] = [
  207, 270, 342, 467, 462, 797, 710, 239, 374, 374, 423, 605, 238, 375, 238, 334, 462, 462, 462, 462, 462,
  462, 462, 462, 462, 462, 238, 238, 605, 605, 605, 344, 748, 684, 560, 695, 739, 563, 511, 729, 793, 318,
  312, 666, 526, 896, 758, 772, 544, 772, 628, 465, 607, 753, 711, 972, 647, 620, 607, 374, 333, 374, 606,
  500, 239, 417, 503, 427, 529, 415, 264, 444, 518, 241, 230, 495, 228, 793, 527, 524, 524, 504, 338, 336,
  277, 517, 450, 652, 466, 452, 407, 370, 258, 370, 605,
];

/** The width of one character in ems: printable ASCII as the font declares it, everything else 1. */
export function charEm(ch: string): number {
  const code = ch.charCodeAt(0);
  return code >= 0x20 && code <= 0x7e ? (ASCII_WIDTHS[code - 0x20] ?? 500) / 1000 : 1;
}

/** The width of a text in points at a font size. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * size;
}

/** Closing punctuation that must not start a line (it hangs at the end of the line before). */
const NO_START = new Set([...'，。、；：？！）》」』”’】〕%,.;:?!)]…·']);
/** Opening punctuation that must not end a line. */
const NO_END = new Set([...'（《「『“‘【〔([']);

/** Splits text into unbreakable pieces: a Latin word or number, a space, or one other character. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9.%+\-/:@#&_=]+|\s|[\s\S]/gu) ?? [];
}

/**
 * Wraps one paragraph (no newlines) into lines no wider than `width` points at `size`, the first line
 * `firstIndent` points narrower. Closing punctuation may hang past the width by one character.
 */
export function wrapText(text: string, width: number, size: number, firstIndent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const limit = () => (lines.length === 0 ? width - firstIndent : width);
  const push = () => {
    // An opening bracket or quote at the end of a line moves to the next one.
    let carry = '';
    while (line.length > 1 && NO_END.has(line.slice(-1))) {
      carry = line.slice(-1) + carry;
      line = line.slice(0, -1);
    }
    lines.push(line.trimEnd());
    line = carry;
    used = textWidth(carry, size);
  };
  for (const tok of tokens(text)) {
    const w = textWidth(tok, size);
    if (used + w <= limit() + 0.01) {
      line += tok;
      used += w;
      continue;
    }
    if (NO_START.has(tok) && line !== '') {
      // Hanging punctuation: stays on this line, slightly past the margin.
      line += tok;
      used += w;
      continue;
    }
    if (/^\s$/.test(tok)) {
      push();
      continue;
    }
    if (line !== '') push();
    if (w <= limit() + 0.01 || tok.length === 1) {
      line += tok;
      used += w;
      continue;
    }
    // A word wider than a line: break it by characters.
    for (const ch of tok) {
      const cw = textWidth(ch, size);
      if (used + cw > limit() + 0.01 && line !== '') push();
      line += ch;
      used += cw;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Characters after which a title reads well broken (关于…月份 / …的通报). */
const TITLE_BREAK_AFTER = new Set([...'份于的和与及、']);

/**
 * Wraps a title. Two lines break after a word-ending character (份, 于, 的…) when both halves fit, the
 * halves as even as possible; otherwise the fewest lines, balanced.
 */
export function wrapTitle(text: string, width: number, size: number): string[] {
  if (textWidth(text, size) <= width + 0.01) return [text];
  const chars = [...text];
  let best: string[] | null = null;
  let bestDiff = Number.POSITIVE_INFINITY;
  for (let i = 1; i < chars.length; i++) {
    if (!TITLE_BREAK_AFTER.has(chars[i - 1] ?? '')) continue;
    const a = chars.slice(0, i).join('');
    const b = chars.slice(i).join('');
    const wa = textWidth(a, size);
    const wb = textWidth(b, size);
    if (wa > width || wb > width) continue;
    const diff = Math.abs(wa - wb);
    if (diff < bestDiff) {
      best = [a, b];
      bestDiff = diff;
    }
  }
  return best ?? wrapBalanced(text, width, size);
}

/** Wraps a title into the fewest lines, balanced so no line is much shorter than the others. */
export function wrapBalanced(text: string, width: number, size: number): string[] {
  const n = wrapText(text, width, size).length;
  if (n <= 1) return [text];
  const target = Math.ceil(textWidth(text, size) / n / size) * size;
  for (let w = target; w <= width; w += size / 2) {
    const lines = wrapText(text, w, size);
    if (lines.length <= n) return lines;
  }
  return wrapText(text, width, size);
}
