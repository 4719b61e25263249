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

  private bytes = 0;

  /** Bounded by total size: a 10,000-event feed is ~14 MB, so a count alone would not do. */
  constructor(private readonly maxBytes = 256 * 2 ** 20) {}

  /** The body for this team at this ETag, building it at most once at a time. */
  async get(teamId: string, etag: string, build: () => Promise<string | Buffer>): Promise<Entry> {
    const hit = this.entries.get(teamId);
    if (hit?.etag === etag) return hit;
    const key = `${teamId}\u0000${etag}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => {
        this.builds++;
        const built = await build();
        const entry: Entry = {
          etag,
          body: typeof built === 'string' ? Buffer.from(built, 'utf8') : built,
        };
        this.drop(teamId);
        for (const oldest of this.entries.keys()) {
          if (this.bytes + entry.body.length <= this.maxBytes) break;
          this.drop(oldest);
        }
        this.entries.set(teamId, entry);
        this.bytes += entry.body.length;
        return entry;
      })().finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private drop(teamId: string): void {
    const entry = this.entries.get(teamId);
    if (!entry) return;
    this.entries.delete(teamId);
    this.bytes -= entry.body.length;
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
