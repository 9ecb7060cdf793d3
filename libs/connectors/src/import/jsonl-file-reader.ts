import { type FileHandle, open } from 'node:fs/promises';

export interface FileLine {
  number: number;
  text: string;
  /** The line exceeded MAX_LINE_BYTES; its text is only the start of it. */
  tooLong: boolean;
}

export interface LineChunk {
  lines: FileLine[];
  /** Byte offset just after the last line returned. */
  nextOffset: number;
  nextLine: number;
  atEnd: boolean;
}

const READ_SIZE = 1 << 20;
/** Longer lines are reported as rejected rather than buffered without bound. */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * Reads up to `maxLines` complete lines starting at a byte offset, so an import can resume exactly
 * where the last committed batch ended. Blank lines are skipped but still counted.
 */
export async function readLines(path: string, offset: number, firstLine: number, maxLines: number): Promise<LineChunk> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const lines: LineChunk['lines'] = [];
    let position = offset;
    let lineNumber = firstLine;
    let pending = Buffer.alloc(0);
    while (lines.length < maxLines && position + pending.length < size) {
      const chunk = Buffer.alloc(Math.min(READ_SIZE, size - position - pending.length));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, position + pending.length);
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
      let start = 0;
      let newline = pending.indexOf(0x0a, start);
      while (newline !== -1 && lines.length < maxLines) {
        pushLine(lines, pending.subarray(start, newline), lineNumber);
        lineNumber += 1;
        start = newline + 1;
        newline = pending.indexOf(0x0a, start);
      }
      position += start;
      pending = pending.subarray(start);
      const atEof = position + pending.length >= size;
      if (lines.length < maxLines && atEof && pending.length > 0) {
        // The last line of a file without a trailing newline.
        pushLine(lines, pending, lineNumber);
        lineNumber += 1;
        position += pending.length;
        pending = Buffer.alloc(0);
      } else if (pending.length > MAX_LINE_BYTES) {
        lines.push({ number: lineNumber, text: pending.subarray(0, 200).toString('utf8'), tooLong: true });
        lineNumber += 1;
        position = await skipPastNewline(file, position + pending.length, size);
        pending = Buffer.alloc(0);
      }
    }
    return { lines, nextOffset: position, nextLine: lineNumber, atEnd: position >= size };
  } finally {
    await file.close();
  }
}

function pushLine(lines: FileLine[], bytes: Buffer, number: number): void {
  if (bytes.length > MAX_LINE_BYTES) {
    lines.push({ number, text: bytes.subarray(0, 200).toString('utf8'), tooLong: true });
    return;
  }
  const text = bytes.toString('utf8').replace(/\r$/, '');
  if (text.trim().length > 0) lines.push({ number, text, tooLong: false });
}

/** Returns the offset just after the next newline at or after `from` (or the end of the file). */
async function skipPastNewline(file: FileHandle, from: number, size: number): Promise<number> {
  const chunk = Buffer.alloc(READ_SIZE);
  let position = from;
  while (position < size) {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    const newline = chunk.subarray(0, bytesRead).indexOf(0x0a);
    if (newline !== -1) return position + newline + 1;
    position += bytesRead;
  }
  return size;
}
