// CSV as RFC 4180 has it (comma separated, CRLF line ends, a field with a comma, quote or line
// break in double quotes), safe to open in a spreadsheet: a field that starts with =, +, -, @, a
// tab or a carriage return gets a leading ' so that it is never run as a formula.
export type CsvValue = string | number | null;

/** A header row and the rows under it, each line ending in CRLF. */
export function csvDocument(header: readonly string[], rows: readonly CsvValue[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function csvField(value: CsvValue): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
