// Piscina task: parse one framed block of a built-in format into a columnar batch, moved back
// (not cloned). Thin: the work is src/core/ingest/parse-block.ts.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { getFormat } from '../core/formats';
import { sourceParser } from '../core/formats/alternate';
import type { FormatSpec, RecordParser } from '../core/formats/types';
import { transferList, type ParsedBlock, type ParseTask } from '../core/ingest/batch';
import { parseBlock } from '../core/ingest/parse-block';

let cached: { key: string; parser: RecordParser } | null = null;

function parserFor(task: ParseTask): RecordParser {
  // the same source sends the same settings for every block: build its parser once
  const key = JSON.stringify(task.settings);
  if (!cached || cached.key !== key) {
    const spec: FormatSpec = getFormat(task.settings.format);
    const s = task.settings;
    cached = { key, parser: sourceParser(spec, { tz: s.tz, year: s.year, refTime: s.refTime, layout: s.layout }, getFormat) };
  }
  return cached.parser;
}

export default function parse(task: ParseTask): unknown {
  const out: ParsedBlock = parseBlock(task.block, task.settings, parserFor(task));
  return move({
    get [transferableSymbol]() {
      return transferList(out);
    },
    get [valueSymbol]() {
      return out;
    },
  } as unknown as ArrayBuffer);
}
