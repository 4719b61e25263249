/** Gzip bytes a browser downloads to start the call: the call chunk and everything it imports. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  css?: string[];
  isDynamicEntry?: boolean;
  isEntry?: boolean;
}

export function callBundleGzipBytes(outDir: string): number {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const key = Object.keys(manifest).find((k) => k.endsWith('call/call.ts'));
  if (!key) throw new Error(`no call chunk in ${outDir}/manifest.json`);
  const files = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    // A page entry (the join script) is already loaded before the call starts.
    if (!chunk || chunk.isEntry || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(key);
  let total = 0;
  for (const file of files) {
    const gz = join(outDir, `${file}.gz`);
    total += existsSync(gz) ? statSync(gz).size : statSync(join(outDir, file)).size;
  }
  return total;
}
