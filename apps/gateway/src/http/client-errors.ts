import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';

/**
 * Errors node's HTTP parser answers before any middleware runs (headers too large, a malformed
 * request line). Node's own answer is a bare status line; the API answers problem+json everywhere,
 * so these get one too, with a request id.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: 'about:blank',
    title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
    status,
    code: tooLarge ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST',
    detail: tooLarge ? 'The request headers are larger than the server accepts' : 'The request could not be parsed',
    request_id: requestId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
