// `npm start`'s console in development: one readable line per service log line
// (service name first, level coloured), instead of pino's JSON. Lines that are not
// JSON (a config error on stderr, a crash's stack) are printed as they are, and the
// last of them are kept: a service that exits has its reason repeated at the end.
import { createInterface } from 'node:readline';
import { styleText } from 'node:util';

const LEVELS = {
  10: ['TRACE', 'gray'],
  20: ['DEBUG', 'gray'],
  30: ['INFO ', 'green'],
  40: ['WARN ', 'yellow'],
  50: ['ERROR', 'red'],
  60: ['FATAL', 'magenta'],
};
// Shown elsewhere on the line, or noise when reading a console.
const OMITTED = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'context']);
const LAST_WORDS = 12;

const paint = (format, text) => styleText(format, text, { stream: process.stdout });

/** Keeps each service's last error lines, to repeat them when it exits. */
export class ServiceConsole {
  constructor({ readable, width }) {
    this.readable = readable;
    this.width = width;
    this.lastWords = new Map();
  }

  /** Reads a child's stdout and stderr line by line. */
  attach(service, child) {
    for (const [stream, isStderr] of [
      [child.stdout, false],
      [child.stderr, true],
    ]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => this.line(service, line, isStderr));
    }
  }

  /** The lines that explain why `service` stopped (its last stderr or error lines). */
  lastWordsOf(service) {
    return this.lastWords.get(service) ?? [];
  }

  line(service, line, isStderr) {
    const entry = parseLogLine(line);
    if (!entry) {
      if (line.trim() !== '') this.remember(service, line);
      const out = isStderr ? process.stderr : process.stdout;
      out.write(this.readable ? `${this.prefix(service)} ${line}\n` : `${line}\n`);
      return;
    }
    if (entry.level >= 50) this.remember(service, describe(entry));
    if (!this.readable) {
      process.stdout.write(`${line}\n`);
      return;
    }
    process.stdout.write(`${this.format(service, entry)}\n`);
  }

  remember(service, text) {
    const kept = this.lastWords.get(service) ?? [];
    kept.push(...text.split('\n'));
    this.lastWords.set(service, kept.slice(-LAST_WORDS));
  }

  prefix(service) {
    return paint('bold', service.padEnd(this.width));
  }

  format(service, entry) {
    const [name, colour] = LEVELS[entry.level] ?? ['?    ', 'white'];
    const time = new Date(entry.time ?? Date.now()).toTimeString().slice(0, 8);
    const context = entry.context ? paint('cyan', `[${entry.context}] `) : '';
    const text = `${this.prefix(service)} ${paint('gray', time)} ${paint(colour, name)} ${context}${describe(entry)}`;
    const stack = entry.err?.stack;
    return stack ? `${text}\n${paint('gray', indent(stack))}` : text;
  }
}

/** A pino JSON line, or undefined for anything else. */
function parseLogLine(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line);
    return typeof entry.level === 'number' ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** The message, an HTTP request log as `GET /path 200 3 ms`, then the other fields. */
function describe(entry) {
  const parts = [];
  if (entry.req && entry.res) {
    parts.push(
      `${entry.req.method} ${entry.req.url} ${entry.res.statusCode} ${entry.responseTime} ms`,
    );
  } else {
    parts.push(entry.msg ?? '');
  }
  for (const [key, value] of Object.entries(entry)) {
    if (OMITTED.has(key) || key === 'req' || key === 'res' || key === 'responseTime') continue;
    if (key === 'err') parts.push(`err=${JSON.stringify(value?.message ?? value)}`);
    else parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.filter(Boolean).join(' ');
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
