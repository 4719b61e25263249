/**
 * A small, forgiving iCalendar reader for the linter: lines in, a component tree out, with the
 * line number of every property. It never throws and never builds objects keyed by input
 * (params live in Maps), so hostile names such as `__proto__` are inert.
 */
import { parseContentLine } from './lines.js';

export interface Property {
  name: string;
  params: Map<string, string>;
  value: string;
  /** 1-based number of the physical line where the property starts. */
  line: number;
}

export interface Component {
  name: string;
  props: Property[];
  children: Component[];
  line: number;
}

export interface ReadResult {
  root: Component;
  /** Lines that are not `NAME[;PARAM=…]:VALUE`, BEGIN/END that do not pair up, etc. */
  syntax: { line: number; message: string }[];
  /** Physical lines longer than 75 octets, and whether lines end in bare LF. */
  longLines: number[];
  bareLf: boolean;
}

const encoder = new TextEncoder();
/** Real calendars nest three deep (VCALENDAR, VEVENT, VALARM); this is plenty. */
const MAX_DEPTH = 32;

/** One property, or undefined when the line is not `NAME[;PARAM=…]:VALUE`. */
function parseLine(text: string, line: number): Property | undefined {
  try {
    const { name, params, value } = parseContentLine(text, line);
    return { name, params: new Map(params), value, line };
  } catch {
    return undefined;
  }
}

export function readCalendar(text: string): ReadResult {
  const root: Component = { name: '', props: [], children: [], line: 0 };
  const syntax: ReadResult['syntax'] = [];
  const longLines: number[] = [];
  const bareLf = /(^|[^\r])\n/.test(text);
  const physical = text.split(/\r?\n/);
  const stack: Component[] = [root];
  let deeper = 0;
  let logical = '';
  let start = 0;
  const flush = () => {
    if (logical === '') return;
    const prop = parseLine(logical, start);
    const top = stack[stack.length - 1] as Component;
    if (!prop) {
      syntax.push({ line: start, message: `Line ${start} is not NAME:VALUE.` });
    } else if (prop.name === 'BEGIN' && (deeper > 0 || stack.length > MAX_DEPTH)) {
      // Components nested absurdly deep are counted, not built: walking them would overflow.
      if (deeper++ === 0) {
        syntax.push({ line: start, message: `Components are nested deeper than ${MAX_DEPTH}.` });
      }
    } else if (prop.name === 'END' && deeper > 0) {
      deeper--;
    } else if (prop.name === 'BEGIN') {
      const child: Component = {
        name: prop.value.trim().toUpperCase(),
        props: [],
        children: [],
        line: start,
      };
      top.children.push(child);
      stack.push(child);
    } else if (prop.name === 'END') {
      const name = prop.value.trim().toUpperCase();
      if (stack.length > 1 && top.name === name) stack.pop();
      else
        syntax.push({ line: start, message: `END:${name} on line ${start} closes nothing open.` });
    } else {
      top.props.push(prop);
    }
    logical = '';
  };
  physical.forEach((raw, index) => {
    if (encoder.encode(raw).length > 75) longLines.push(index + 1);
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && logical !== '') {
      logical += raw.slice(1);
      return;
    }
    flush();
    logical = raw;
    start = index + 1;
  });
  flush();
  for (const open of stack.slice(1)) {
    syntax.push({
      line: open.line,
      message: `BEGIN:${open.name} on line ${open.line} is never closed.`,
    });
  }
  return { root, syntax, longLines, bareLf };
}

export function prop(c: Component, name: string): Property | undefined {
  return c.props.find((p) => p.name === name);
}

export function props(c: Component, name: string): Property[] {
  return c.props.filter((p) => p.name === name);
}

/** Every component with this name, at any depth. */
export function findAll(c: Component, name: string): Component[] {
  const out: Component[] = [];
  // Depth first, in document order, without recursion.
  const todo: Component[] = [...c.children].reverse();
  for (let x = todo.pop(); x; x = todo.pop()) {
    if (x.name === name) out.push(x);
    for (let i = x.children.length - 1; i >= 0; i--) todo.push(x.children[i] as Component);
  }
  return out;
}
