import { Readable } from 'stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { BODY_TOO_LARGE_MESSAGE } from '@inventory/msi-api';

const JSON_TYPE = 'application/json; charset=utf-8';

function tooLarge(reply: FastifyReply): void {
  void reply.code(413).type(JSON_TYPE).header('connection', 'close').send({
    message: BODY_TOO_LARGE_MESSAGE,
  });
}

/**
 * HTTP_BODY_LIMIT_BYTES at the gateway. Fastify checks its bodyLimit only where it parses a
 * body, and the proxy streams bodies through unparsed, so the gateway enforces it itself: a
 * declared Content-Length over the limit gets 413 before anything is read (the services' own
 * body: see @inventory/msi-api); a chunked body is read up to the limit before it is sent on.
 */
export function installBodyLimit(fastify: FastifyInstance, limit: number): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (Number(request.headers['content-length']) > limit) return tooLarge(reply);
    done();
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    const body = request.body;
    if (request.headers['content-length'] !== undefined || !(body instanceof Readable))
      return done();
    let chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Answered now; the rest is read and dropped (destroying the request would cut the
      // socket before the client reads the 413), and the connection closes after it.
      chunks = [];
      if (!reply.sent) tooLarge(reply);
    });
    body.once('end', () => {
      if (size > limit) return;
      // A stream again: the proxy forwards streams as they are (a Buffer would be re-encoded).
      request.body = Readable.from([Buffer.concat(chunks)]);
      done();
    });
    body.once('error', (err) => (reply.sent ? undefined : done(err)));
  });
}
