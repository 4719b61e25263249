/**
 * The admin token: taken from CALLINK_ADMIN_TOKEN, or generated at first start and kept
 * only as a hash in the data dir. The plain token is shown once, at the moment it is made.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSecret, newSecret } from './secrets.js';

export interface AdminToken {
  hash: string;
  /** The plain token, only when it was generated just now (to print it once). */
  generated: string | undefined;
}

export function loadAdminToken(options: {
  dataDir: string;
  fromEnv: string | undefined;
}): AdminToken {
  if (options.fromEnv) return { hash: hashSecret(options.fromEnv), generated: undefined };
  const file = join(options.dataDir, 'admin-token.sha256');
  try {
    const hash = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hash)) return { hash, generated: undefined };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const token = `clk_${newSecret(32)}`;
  writeFileSync(file, `${hashSecret(token)}\n`, { mode: 0o600 });
  return { hash: hashSecret(token), generated: token };
}
