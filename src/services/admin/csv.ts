// CSV for spreadsheets: RFC 4180 quoting, and cells a spreadsheet would run as a formula defused with an apostrophe.

/** Leading characters that make Excel, Sheets or LibreOffice treat a cell as a formula (or DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-like text gets a leading apostrophe; quoted when it holds a comma, quote, CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, terminated by CRLF as RFC 4180 asks. */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
