/**
 * Human-readable console output of the dev stack: one line per log record,
 * `HH:MM:SS <source>  <level>  <message> {extra fields}`.
 */

/** Width of the source column: the longest service name ("registrations", "notifications"). */
export const NAME_WIDTH = 13;
const LEVEL_WIDTH = 5;

/** Fields every pino line of the services carries; not repeated in the extras. */
const STANDARD_FIELDS = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname', 'v']);

/** pino's numeric levels, in case a process logs them instead of labels. */
const NUMERIC_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

const COLORS: Record<string, string> = {
  trace: '\x1b[90m',
  debug: '\x1b[90m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
  fatal: '\x1b[35m',
};
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export interface FormatOptions {
  /** ANSI colours for the level and dimmed extras; default off. */
  color?: boolean;
  /** Clock for lines that carry no time of their own (tests). */
  now?: () => Date;
}

/** Whether the launcher's stdout should get colours (a terminal, and NO_COLOR not set). */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

/** `HH:MM:SS` in local time. */
export function clockTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function levelLabel(level: unknown): string {
  if (typeof level === 'number') return NUMERIC_LEVELS[level] ?? String(level);
  if (typeof level === 'string') return level;
  return 'info';
}

function paint(text: string, code: string | undefined, color: boolean): string {
  return color && code ? `${code}${text}${RESET}` : text;
}

/** One formatted line from its parts; the launcher's own messages use it too. */
export function formatRecord(
  time: Date,
  source: string,
  level: string,
  message: string,
  extra: Record<string, unknown> = {},
  opts: FormatOptions = {},
): string {
  const color = opts.color ?? false;
  const extraKeys = Object.keys(extra);
  let line = `${clockTime(time)} ${source.padEnd(NAME_WIDTH)}  ${paint(level.padEnd(LEVEL_WIDTH), COLORS[level], color)}  ${message}`;
  if (extraKeys.length) line += ` ${paint(JSON.stringify(extra), DIM, color)}`;
  return line;
}

/**
 * Format one stdout/stderr line of a child. JSON lines (pino) become
 * `HH:MM:SS name  level  msg {extras}`, with error stacks indented below; anything else is
 * passed through after the time and the name.
 */
export function formatChildLine(source: string, line: string, opts: FormatOptions = {}): string {
  const now = opts.now ?? (() => new Date());
  const trimmed = line.trimEnd();
  let record: Record<string, unknown> | undefined;
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) record = parsed as Record<string, unknown>;
    } catch {
      record = undefined;
    }
  }
  if (!record) return `${clockTime(now())} ${source.padEnd(NAME_WIDTH)}  ${trimmed}`;

  const parsedTime = typeof record.time === 'string' || typeof record.time === 'number' ? new Date(record.time) : undefined;
  const time = parsedTime && !Number.isNaN(parsedTime.getTime()) ? parsedTime : now();
  const level = levelLabel(record.level);
  const message = typeof record.msg === 'string' ? record.msg : record.msg === undefined ? '' : JSON.stringify(record.msg);

  const extra: Record<string, unknown> = {};
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (STANDARD_FIELDS.has(key)) continue;
    // pino's error serializer: keep type and message inline, move the stack below the line
    if ((key === 'err' || key === 'error') && value && typeof value === 'object' && typeof (value as { stack?: unknown }).stack === 'string') {
      const { stack, ...rest } = value as { stack: string };
      stacks.push(stack);
      extra[key] = rest;
      continue;
    }
    // NestPinoLogger.error puts the stack into `trace`
    if (key === 'trace' && typeof value === 'string' && value.includes('\n')) {
      stacks.push(value);
      continue;
    }
    if (value === undefined || value === null) continue;
    extra[key] = value;
  }

  let out = formatRecord(time, source, level, message, extra, opts);
  for (const stack of stacks) {
    out += `\n${stack
      .split('\n')
      .map((l) => `    ${l.trimEnd()}`)
      .join('\n')}`;
  }
  return out;
}

/** Splits a byte stream into lines and hands each complete one to `onLine` (the tail on flush). */
export class LineSplitter {
  private buffer = '';
  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    this.buffer += chunk.toString();
    for (let index = this.buffer.indexOf('\n'); index >= 0; index = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, index).replace(/\r$/, '');
      this.buffer = this.buffer.slice(index + 1);
      if (line.trim()) this.onLine(line);
    }
  }

  flush(): void {
    const rest = this.buffer;
    this.buffer = '';
    if (rest.trim()) this.onLine(rest);
  }
}

export type LogLevel = 'info' | 'warn' | 'error';

/** Where the launcher writes: one formatted line per call. */
export interface Console {
  log(source: string, level: LogLevel, message: string, extra?: Record<string, unknown>): void;
  /** Print text as is (banner, child lines already formatted). */
  raw(text: string): void;
}

/** The launcher's console on process.stdout (errors and warnings too, to keep one ordered stream). */
export function createConsole(stream: NodeJS.WriteStream = process.stdout): Console {
  const color = useColor(stream);
  return {
    log(source, level, message, extra) {
      stream.write(`${formatRecord(new Date(), source, level, message, extra, { color })}\n`);
    },
    raw(text) {
      stream.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}
