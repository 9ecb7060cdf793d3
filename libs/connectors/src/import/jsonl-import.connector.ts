import type {
  NormalizedPost,
  PageResult,
  RejectedItem,
  SourceConnector,
  SourceCursor,
  SourceTarget,
} from '../source-connector';
import { InvalidSourceError } from '../connector-errors';
import { MAX_LINE_BYTES, readLines } from './jsonl-file-reader';
import { parseImportLine } from './parse-import-line';

export interface ImportCursor {
  /** Byte offset of the first line not yet committed. */
  offset: number;
  /** 1-based number of that line, for error messages. */
  line: number;
}

/**
 * Reads a JSONL export (one post per line) as a source: each page is the next batch of lines,
 * and the cursor is a byte offset, so a restart resumes after the last committed batch.
 */
export class JsonlImportConnector implements SourceConnector {
  readonly kind = 'import' as const;
  readonly platform = null;

  constructor(private readonly linesPerPage: number) {}

  async fetchPage(source: SourceTarget, cursor: SourceCursor): Promise<PageResult> {
    const from = readCursor(cursor);
    let chunk;
    try {
      chunk = await readLines(source.target, from.offset, from.line, this.linesPerPage);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
        throw new InvalidSourceError(`cannot read import file ${source.target}: ${code}`);
      }
      throw error;
    }
    const posts: NormalizedPost[] = [];
    const rejected: RejectedItem[] = [];
    for (const line of chunk.lines) {
      if (line.tooLong) {
        rejected.push({
          location: `line ${line.number}`,
          reason: `line longer than ${MAX_LINE_BYTES} bytes`,
          excerpt: line.text,
        });
        continue;
      }
      const parsed = parseImportLine(line.text, line.number);
      if (parsed.ok) posts.push(parsed.post);
      else rejected.push(parsed.rejection);
    }
    const next: ImportCursor = { offset: chunk.nextOffset, line: chunk.nextLine };
    return { posts, cursor: { ...next }, hasMore: !chunk.atEnd, warnings: [], rejected };
  }
}

function readCursor(cursor: SourceCursor): ImportCursor {
  if (cursor === null) return { offset: 0, line: 1 };
  const { offset, line } = cursor as Partial<ImportCursor>;
  if (typeof offset !== 'number' || typeof line !== 'number') return { offset: 0, line: 1 };
  return { offset, line };
}
