/**
 * The baseline of the join benchmark: a bare Express hello-world, in its own process and run
 * the same way as the join server's (node --import tsx, same environment). Sends {url} over IPC.
 */
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.send?.({ url: `http://127.0.0.1:${port}/` });
});
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
