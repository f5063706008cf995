// One source, two kinds of line. A container's output mixes what the program writes on stdout and
// on stderr (nginx: access lines and error lines), and `docker logs` or `kubectl logs` saves both in
// one file. The source keeps its main format; a record that format refuses is offered to the second
// format the head showed (layout.alt), and quarantined only when that one refuses it too.
import { SKIP, type CellValue, type CleaningCounters, type FormatSpec, type ParseContext, type RecordParser } from './types';

class AlternateParser implements RecordParser {
  constructor(
    private readonly main: RecordParser,
    private readonly alt: RecordParser,
  ) {}

  parse(text: string, row: CellValue[], counters: CleaningCounters): string | null {
    const reason = this.main.parse(text, row, counters);
    if (reason === null || reason === SKIP) return reason;
    row.fill(null);
    if (this.alt.parse(text, row, counters) === null) return null;
    // refused by both: the main format's reason, and nothing of either parse kept
    row.fill(null);
    return reason;
  }
}

/** The source's parser: its format's, with the second format of layout.alt behind it when there is one. */
export function sourceParser(spec: FormatSpec, ctx: ParseContext, getSpec: (name: string) => FormatSpec): RecordParser {
  const main = spec.createParser(ctx);
  const alt = ctx.layout.alt;
  if (alt === undefined) return main;
  return new AlternateParser(main, getSpec(alt.format).createParser({ ...ctx, layout: alt }));
}
