import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors.js';
import { lintCalendar } from '../core/ics/lint.js';
import type { CliCommand } from './context.js';

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('not_found', `Cannot read ${file}.`, { cause: error });
  }
}

export const lintCommand: CliCommand = {
  usage: `  lint FILE.ics [--previous EARLIER.ics]… [--method REQUEST] [--json]
                                          report what Outlook, Google or Apple would mishandle
                                          (exit 1 when anything is wrong)`,
  async run(args, { io }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        previous: { type: 'string', multiple: true },
        method: { type: 'string' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
    const file = positionals[0];
    if (!file || positionals.length > 1)
      throw new AppError('bad_request', 'Give one FILE.ics to lint.');
    const report = lintCalendar(read(file), {
      mimeMethod: values.method,
      previous: (values.previous ?? []).map(read),
    });
    if (values.json) io.out(JSON.stringify(report));
    else if (report.problems.length === 0) io.out(`${file}: no problems (${report.events} events)`);
    else {
      for (const p of report.problems) {
        io.out(`${file}${p.line ? `:${p.line}` : ''}: ${p.severity} ${p.kind}: ${p.message}`);
      }
    }
    return report.problems.length === 0 ? 0 : 1;
  },
};
