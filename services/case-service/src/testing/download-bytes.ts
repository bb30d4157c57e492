import type { Test } from 'supertest';

/**
 * A download read as the bytes that arrived, whatever its content type: supertest would otherwise parse a body it
 * knows or leave a PDF's empty. Chained onto the request: `await downloadBytes(request(app).get(path).set(...))`.
 */
export function downloadBytes(req: Test): Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
