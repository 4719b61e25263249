#!/usr/bin/env node
// Runs the compiled CLI when built (npm run build), else the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const { runCli } = existsSync(dist)
  ? await import(dist)
  : await (async () => {
      const { tsImport } = await import('tsx/esm/api');
      return tsImport('../src/cli.ts', import.meta.url);
    })();
const code = await runCli(process.argv.slice(2), process.env, {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
});
if (code >= 0) process.exitCode = code;
