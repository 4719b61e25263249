/**
 * Built feeds, per team, kept with the ETag they were built for. The ETag comes from the team's
 * version in the store (raised in the same transaction as every event change), so a change made
 * by any instance on the shared database invalidates every instance's copy. Compressed forms are
 * made once per version, on first demand.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const gz = promisify(gzip);
const br = promisify(brotliCompress);

interface Entry {
  etag: string;
  body: Buffer;
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
}

export class FeedCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Entry>>();
  /** Full builds done (for tests and metrics). */
  builds = 0;

  constructor(private readonly maxTeams = 200) {}

  /** The body for this team at this ETag, building it at most once at a time. */
  async get(teamId: string, etag: string, build: () => Promise<string>): Promise<Entry> {
    const hit = this.entries.get(teamId);
    if (hit?.etag === etag) return hit;
    const key = `${teamId}\u0000${etag}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => {
        this.builds++;
        const entry: Entry = { etag, body: Buffer.from(await build(), 'utf8') };
        this.entries.delete(teamId);
        if (this.entries.size >= this.maxTeams) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        this.entries.set(teamId, entry);
        return entry;
      })().finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  static encoded(entry: Entry, encoding: 'gzip' | 'br'): Promise<Buffer> {
    if (encoding === 'gzip') return (entry.gzip ??= gz(entry.body, { level: 6 }));
    return (entry.br ??= br(entry.body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
      },
    }));
  }
}
