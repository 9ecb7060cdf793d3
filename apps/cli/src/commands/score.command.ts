import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { DEFAULT_LABS } from '@labpulse/labs';
import { createScorer, type Scorer } from '@labpulse/nlp';
import type { CliCommand, CliIo } from '../cli-command';

interface InputLine {
  id: string | number;
  text: string;
  target?: string;
  language?: string | null;
}

const FLUSH_AT = 1 << 16;

/**
 * `score [--target <text>]`: one JSON line out per non-empty line in, plain text or
 * {"id", "text", "target"?, "language"?}. Plain lines get their 1-based line number as id.
 */
export const scoreCommand: CliCommand = {
  name: 'score',
  usage: 'score [--target <text>]',
  summary: 'score posts from stdin (text or {"id","text","target"?}); one JSON line out per line in',
  async run(argv: string[], io: CliIo): Promise<number> {
    let defaultTarget: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--target' && i + 1 < argv.length) defaultTarget = argv[++i];
      else if (argv[i].startsWith('--target=')) defaultTarget = argv[i].slice('--target='.length);
      else {
        io.stderr.write(`score: unknown argument ${argv[i]}\n`);
        return 2;
      }
    }
    const scorer = createScorer(DEFAULT_LABS);
    // `cli score < posts | head` closes stdout early: stop quietly instead of failing.
    let closed = false;
    io.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed = true;
    });
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let buffer = '';
    let lineNo = 0;
    for await (const raw of lines) {
      lineNo++;
      const input = parseLine(raw, lineNo, defaultTarget);
      if (!input) continue;
      buffer += `${JSON.stringify(scoreLine(scorer, input))}\n`;
      if (buffer.length >= FLUSH_AT) {
        await write(io.stdout, buffer);
        buffer = '';
        if (closed) break;
      }
    }
    if (buffer && !closed) await write(io.stdout, buffer);
    lines.close();
    return 0;
  },
};

function parseLine(raw: string, lineNo: number, defaultTarget: string | undefined): InputLine | null {
  const line = raw.trim();
  if (!line) return null;
  if (line.startsWith('{')) {
    try {
      const o = JSON.parse(line) as Partial<Record<keyof InputLine, unknown>>;
      if (typeof o.text === 'string') {
        const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : lineNo;
        const target = typeof o.target === 'string' && o.target.trim() ? o.target : defaultTarget;
        const language = typeof o.language === 'string' ? o.language : null;
        return { id, text: o.text, target, language };
      }
    } catch {
      // Not JSON after all: score the line as text.
    }
  }
  return { id: lineNo, text: line, target: defaultTarget };
}

function scoreLine(scorer: Scorer, input: InputLine): Record<string, unknown> {
  const r = scorer.score({ text: input.text, language: input.language });
  const out: Record<string, unknown> = {
    id: input.id,
    scored: r.scored,
    language: r.language,
    sentiment: r.sentiment,
    mentions: r.mentions,
  };
  if (input.target !== undefined) {
    // Posts the model cannot score get no opinion toward the target either.
    const t = r.scored ? scorer.scoreTarget(input.text, input.target) : { label: 'neutral', score: 0 };
    out.target = { label: t.label, score: t.score };
  }
  return out;
}

/** Resolves once the chunk is handed over (or the reader has gone: see the EPIPE handler). */
function write(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) =>
      error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve(),
    );
  });
}
