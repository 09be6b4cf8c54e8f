// The page, styles and drawing helpers of Revier's German PDF reports (the court package's report,
// the data protection officer's audit reports): A4, standard PDF fonts only (Helvetica, Courier;
// nothing embedded), so all text passes through `PrintableText`, which keeps WinAnsi and
// transliterates the rest (ş → s, else "?") and remembers what it changed so a report can say so.
// Tables repeat their header on every page and never split a row; header and footer are drawn on
// the buffered pages at the end.
import PDFDocument from 'pdfkit';

// --- Text in WinAnsi ----------------------------------------------------------------------------

/** Characters above U+00FF that WinAnsi (Windows-1252) holds. */
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Letters that do not decompose into a base letter and a mark. */
const transliterations: Record<string, string> = { ı: 'i', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ŀ: 'l', Ŀ: 'L', ẞ: 'SS', '−': '-', '‐': '-', '‑': '-' };

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return character === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(character);
}

/** Text as the standard fonts can print it; remembers what it had to change. */
export class PrintableText {
  /** Each changed character (as `U+015F`) with what it became, in the order first met. */
  readonly changed = new Map<string, string>();

  of(text: string): string {
    let result = '';
    // eslint-disable-next-line no-control-regex
    for (const character of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\t\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ')) {
      if (isWinAnsi(character)) {
        result += character;
        continue;
      }
      const base = transliterations[character] ?? character.normalize('NFKD').replace(/\p{M}/gu, '');
      const replacement = base !== '' && [...base].every(isWinAnsi) ? base : '?';
      this.changed.set(`U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`, replacement);
      result += replacement;
    }
    return result;
  }

  /** What `of` changed so far, for a note in the report: `U+015F als s, U+4E2D als ?`. */
  describeChanges(): string {
    return [...this.changed].map(([character, replacement]) => `${character} als ${replacement}`).join(', ');
  }
}

// --- Page and styles ----------------------------------------------------------------------------

export const page = { width: 595.28, height: 841.89, top: 64, bottom: 60, left: 50, right: 50 };
export const contentWidth = page.width - page.left - page.right;
export const contentBottom = page.height - page.bottom;

type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique' | 'Courier';
export interface TextStyle {
  font: FontName;
  size: number;
  color: string;
  lineGap: number;
}

export const ink = '#111111';
const muted = '#555555';
export const accent = '#1b2f4b';
export const rule = '#b8bec7';
export const styles = {
  title: { font: 'Helvetica-Bold', size: 26, color: accent, lineGap: 0 },
  subtitle: { font: 'Helvetica', size: 12, color: muted, lineGap: 0 },
  section: { font: 'Helvetica-Bold', size: 16, color: accent, lineGap: 0 },
  subsection: { font: 'Helvetica-Bold', size: 11.5, color: accent, lineGap: 1 },
  body: { font: 'Helvetica', size: 9.5, color: ink, lineGap: 1.5 },
  bodyItalic: { font: 'Helvetica-Oblique', size: 9.5, color: ink, lineGap: 1.5 },
  label: { font: 'Helvetica-Bold', size: 9, color: ink, lineGap: 1.5 },
  value: { font: 'Helvetica', size: 9, color: ink, lineGap: 1.5 },
  small: { font: 'Helvetica', size: 8, color: muted, lineGap: 1 },
  cell: { font: 'Helvetica', size: 8, color: ink, lineGap: 1 },
  cellHead: { font: 'Helvetica-Bold', size: 8, color: ink, lineGap: 1 },
  /** 64 Courier characters at 8 pt take 307 pt: a SHA-256 fits a value column on one line. */
  hash: { font: 'Courier', size: 8, color: ink, lineGap: 1 },
  /** 7.5 pt for hash lines under table rows and stills: 288 pt. */
  hashSmall: { font: 'Courier', size: 7.5, color: '#333333', lineGap: 1 },
  noteLabel: { font: 'Helvetica', size: 7.5, color: muted, lineGap: 1 },
  code: { font: 'Courier', size: 8.5, color: ink, lineGap: 1.5 },
} satisfies Record<string, TextStyle>;

export interface TableColumn {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  /** Lines under the cells across the row: a full SHA-256 (`hash`, one line) or a remark that wraps. */
  notes?: { label: string; text: string; hash?: boolean }[];
}

const cellPadding = 3.5;

/** Drawing helpers that keep everything inside the page and break pages cleanly. */
export class ReportLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly text: PrintableText;

  constructor(doc: PDFKit.PDFDocument, text: PrintableText) {
    this.doc = doc;
    this.text = text;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  use(style: TextStyle): PDFKit.PDFDocument {
    return this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  heightOf(style: TextStyle, text: string, width: number): number {
    this.use(style);
    return this.doc.heightOfString(text === '' ? ' ' : text, { width, lineGap: style.lineGap });
  }

  newPage(): void {
    this.doc.addPage();
    this.y = page.top;
  }

  /** Starts a new page unless `height` fits below the current position. */
  ensureSpace(height: number): void {
    if (this.y + height > contentBottom) this.newPage();
  }

  /** Draws text at (x, y) within `width`, never past `height` (cut with an ellipsis); returns its height. */
  textAt(style: TextStyle, text: string, x: number, y: number, width: number, height?: number): number {
    const printable = this.text.of(text);
    const measured = this.heightOf(style, printable, width);
    this.use(style).text(printable, x, y, { width, lineGap: style.lineGap, height: height ?? measured + style.size, ellipsis: height !== undefined && measured > height });
    return Math.min(measured, height ?? measured);
  }

  /** A paragraph across the content width; long ones continue on the next page. */
  paragraph(style: TextStyle, text: string, gapAfter = 5, indent = 0): void {
    const printable = this.text.of(text);
    this.ensureSpace(Math.min(this.heightOf(style, printable, contentWidth - indent), style.size * 3));
    this.use(style).text(printable, page.left + indent, this.y, { width: contentWidth - indent, lineGap: style.lineGap });
    this.y += gapAfter;
  }

  /** A command to type, in a shaded box. */
  code(line: string): void {
    const printable = this.text.of(line);
    const width = contentWidth - 28;
    const height = this.heightOf(styles.code, printable, width);
    this.ensureSpace(height + 12);
    const top = this.y;
    this.doc.rect(page.left + 8, top, contentWidth - 8, height + 8).fillColor('#eef1f5').fill();
    this.textAt(styles.code, printable, page.left + 16, top + 4.5, width);
    this.y = top + height + 14;
  }

  /** A section: a new page, its title with a rule and an entry in the PDF's outline. */
  section(title: string, first = false): void {
    if (!first) this.newPage();
    this.doc.outline.addItem(title);
    this.textAt(styles.section, title, page.left, this.y, contentWidth);
    this.y += styles.section.size + 6;
    this.doc.moveTo(page.left, this.y).lineTo(page.left + contentWidth, this.y).lineWidth(0.8).strokeColor(accent).stroke();
    this.y += 10;
  }

  subsection(title: string): void {
    const height = this.heightOf(styles.subsection, this.text.of(title), contentWidth);
    this.ensureSpace(height + 40);
    this.y += 4;
    this.y += this.textAt(styles.subsection, title, page.left, this.y, contentWidth) + 5;
  }

  /** Label and value pairs, the value wrapping in its column; a mono value holds a SHA-256 on one line. */
  fields(rows: { label: string; value: string; mono?: boolean }[], labelWidth = 140): void {
    const valueWidth = contentWidth - labelWidth;
    for (const row of rows) {
      const style = row.mono ? styles.hash : styles.value;
      const value = this.text.of(row.value);
      const height = Math.max(this.heightOf(styles.label, this.text.of(row.label), labelWidth - 8), this.heightOf(style, value, valueWidth));
      this.ensureSpace(height + 3);
      const top = this.y;
      this.textAt(styles.label, row.label, page.left, top, labelWidth - 8);
      this.textAt(style, value, page.left + labelWidth, top + (row.mono ? 1 : 0), valueWidth, contentBottom - top);
      this.y = top + height + 3;
    }
  }

  /** A table whose header repeats on every page it runs onto; a row never splits (one taller than a page is cut with an ellipsis). */
  table(columns: TableColumn[], rows: TableRow[]): void {
    const headerHeight = Math.max(...columns.map((column) => this.heightOf(styles.cellHead, column.title, column.width - 2 * cellPadding))) + 2 * cellPadding;
    const usable = contentBottom - page.top - headerHeight;
    const drawHeader = () => {
      const top = this.y;
      this.doc.rect(page.left, top, contentWidth, headerHeight).fillColor('#e4e8ee').fill();
      let x = page.left;
      for (const column of columns) {
        const width = column.width - 2 * cellPadding;
        const align = column.align ?? 'left';
        this.use(styles.cellHead).text(column.title, x + cellPadding, top + cellPadding, { width, lineGap: styles.cellHead.lineGap, align });
        x += column.width;
      }
      this.y = top + headerHeight;
      this.hrule(this.y, 0.8, accent);
    };
    this.ensureSpace(headerHeight + 30);
    drawHeader();
    rows.forEach((row, index) => {
      const cells = row.cells.map((cell) => this.text.of(cell));
      const notes = (row.notes ?? []).map((note) => {
        const labelWidth = this.use(styles.noteLabel).widthOfString(`${note.label} `);
        const style = note.hash ? styles.hashSmall : styles.noteLabel;
        const text = this.text.of(note.text);
        const width = contentWidth - 2 * cellPadding - labelWidth;
        return { label: note.label, labelWidth, style, text, width, height: (note.hash ? style.size + style.lineGap : this.heightOf(style, text, width)) + 2 };
      });
      const notesHeight = Math.min(usable / 2, notes.reduce((sum, note) => sum + note.height, 0));
      const cellsMeasured = Math.max(...columns.map((column, i) => this.heightOf(styles.cell, cells[i] ?? '', column.width - 2 * cellPadding)));
      const cellsHeight = Math.min(usable - notesHeight, cellsMeasured + 2 * cellPadding);
      const height = cellsHeight + notesHeight;
      if (this.y + height > contentBottom) {
        this.newPage();
        drawHeader();
      }
      const top = this.y;
      if (index % 2 === 1) this.doc.rect(page.left, top, contentWidth, height).fillColor('#f4f6f9').fill();
      let x = page.left;
      columns.forEach((column, i) => {
        const width = column.width - 2 * cellPadding;
        const limit = cellsHeight - 2 * cellPadding;
        const cell = cells[i] ?? '';
        const ellipsis = this.heightOf(styles.cell, cell, width) > limit;
        this.use(styles.cell).text(cell, x + cellPadding, top + cellPadding, { width, lineGap: styles.cell.lineGap, height: limit, ellipsis, align: column.align ?? 'left' });
        x += column.width;
      });
      let noteTop = top + cellsHeight - 2;
      for (const note of notes) {
        const limit = top + height - noteTop;
        if (limit < note.style.size) break;
        this.use(styles.noteLabel).text(note.label, page.left + cellPadding, noteTop, { lineBreak: false });
        this.use(note.style).text(note.text, page.left + cellPadding + note.labelWidth, noteTop + (note.style === styles.hashSmall ? 0.5 : 0), {
          width: note.width,
          lineGap: note.style.lineGap,
          height: limit,
          ellipsis: note.height > limit,
        });
        noteTop += note.height;
      }
      this.y = top + height;
      this.hrule(this.y, 0.3, rule);
    });
    this.y += 8;
  }

  hrule(y: number, width: number, color: string): void {
    this.doc.moveTo(page.left, y).lineTo(page.left + contentWidth, y).lineWidth(width).strokeColor(color).stroke();
  }

  /** The header (case reference) and footer ("Seite k von n") of every page. */
  decoratePages(header: string, footer: string): void {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index);
      const headerY = page.top - 30;
      const footerY = contentBottom + 16;
      this.textAt(styles.small, header, page.left, headerY, contentWidth, styles.small.size + 2);
      this.hrule(headerY + 13, 0.5, rule);
      this.hrule(footerY - 6, 0.5, rule);
      this.textAt(styles.small, footer, page.left, footerY, contentWidth - 90, styles.small.size + 2);
      const pageNumber = `Seite ${index + 1} von ${range.count}`;
      this.use(styles.small).text(pageNumber, page.left + contentWidth - 90, footerY, { width: 90, align: 'right', height: styles.small.size + 2 });
    }
  }
}

// --- Document -----------------------------------------------------------------------------------

/** What a report's PDF metadata says; the creation date comes from the report, never the clock. */
export interface ReportInfo {
  title: string;
  subject: string;
  author: string;
  creator: string;
  creationDate: Date;
}

/** An A4 document with the report margins and buffered pages, its metadata made printable. */
export function reportDocument(text: PrintableText, info: ReportInfo): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margins: { top: page.top, bottom: page.bottom, left: page.left, right: page.right },
    bufferPages: true,
    lang: 'de-DE',
    displayTitle: true,
    info: {
      Title: text.of(info.title),
      Subject: text.of(info.subject),
      Author: text.of(info.author),
      Creator: text.of(info.creator),
      CreationDate: info.creationDate,
    },
  });
}
