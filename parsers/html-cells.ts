/** Table cells and plain text out of raw HTML blocks (PyTorch writes its Highlights as HTML tables). */
import { Parser } from 'htmlparser2';
import { collapseWhitespace } from './text.js';

export interface HtmlCell {
  text: string;
  /** All of its text is bold (`<td><strong>Beta</strong></td>`): it heads a column, it is not an item. */
  header: boolean;
}

export interface HtmlContent {
  /** Each body cell (`<td>`), in document order; header cells (`<th>`, `<thead>`) are left out. */
  cells: HtmlCell[];
  /** Text outside any table, whitespace collapsed. */
  text: string;
}

export function readHtml(html: string): HtmlContent {
  const cells: HtmlCell[] = [];
  const outside: string[] = [];
  let cell: string[] | null = null;
  let bold = 0; // inside <strong>/<b>
  let plainText = false; // the current cell has text outside bold
  let inHead = 0;
  let inTable = 0;
  let skip = 0; // inside <script>/<style>
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'table') inTable++;
        else if (name === 'thead') inHead++;
        else if (name === 'td' && inHead === 0) {
          cell = [];
          plainText = false;
        } else if (name === 'strong' || name === 'b') bold++;
        else if (name === 'script' || name === 'style') skip++;
        else if (name === 'br' && cell) cell.push(' ');
      },
      ontext(data) {
        if (skip) return;
        if (cell) {
          cell.push(data);
          if (!bold && data.trim()) plainText = true;
        } else if (!inTable) outside.push(data);
      },
      onclosetag(name) {
        if (name === 'strong' || name === 'b') bold = Math.max(0, bold - 1);
        if (name === 'table') inTable = Math.max(0, inTable - 1);
        else if (name === 'thead') inHead = Math.max(0, inHead - 1);
        else if (name === 'td' && cell) {
          const t = collapseWhitespace(cell.join(''));
          if (t) cells.push({ text: t, header: !plainText });
          cell = null;
        } else if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        else if (!cell && !inTable) outside.push(' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return { cells, text: collapseWhitespace(outside.join('')) };
}
