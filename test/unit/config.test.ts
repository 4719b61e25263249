import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from '../../src/config.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.livekit).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', CALLINK_PUBLIC_URL: 'not a url', LIVEKIT_URL: 'ws://x:7880' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/CALLINK_PUBLIC_URL/);
      expect(problems).toMatch(/LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET/);
    }
  });

  it('never shows secrets when logged', () => {
    const c = loadConfig({
      CALLINK_ADMIN_TOKEN: 'super-secret-admin-token',
      CALLINK_DATABASE_URL: 'postgres://u:pw@127.0.0.1/db',
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: 'a-livekit-secret-of-32-characters!!',
    });
    const text = JSON.stringify(redactConfig(c));
    expect(text).not.toMatch(/super-secret|pw@|livekit-secret/);
    expect(text).toMatch(/redacted/);
  });
});
