/**
 * The read paths' baseline: bare node:http in its own process (as a service is), answering every GET with the JSON
 * body a real read returned in this run, so the two differ only in what Gongzhi does between socket and body.
 * Bodies come in as BENCH_BODIES_FILE (a JSON object from path to body); PORT is where it listens.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const bodies = JSON.parse(readFileSync(process.env['BENCH_BODIES_FILE'] ?? '', 'utf8')) as Record<string, string>;
const port = Number(process.env['PORT']);

const server = http.createServer((req, res) => {
  const pathOnly = (req.url ?? '/').split('?')[0] ?? '/';
  const body = bodies[pathOnly] ?? bodies['*'];
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`bare http listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
