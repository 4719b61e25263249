import { runCli } from '../../src/cli.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A CLI runner bound to an environment: runs `callink …` in-process and captures its output. */
export function cliWith(
  env: Record<string, string | undefined>,
): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, env, {
      out: (t) => (out += `${t}\n`),
      err: (t) => (err += `${t}\n`),
    });
    return { code, out, err };
  };
}
