/**
 * The join benchmark's server in its own process (see join-server.ts). argv: DIR. Its stdout
 * takes the access log (the bench points it at /dev/null); it sends {url, linkId} over IPC
 * when listening, and closes on SIGTERM.
 */
import { startJoinServer } from './join-server.js';

const server = await startJoinServer(process.argv[2] as string, process.env);
process.send?.({ url: server.url, linkId: server.linkId });
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
