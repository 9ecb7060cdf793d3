import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installFrontDoor } from './front-door';

test('steps run in order before the server handler, and a step that answers stops the request there', async () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`handler ${req.url}`);
    res.end('from handler');
  });
  const step = (name: string) => (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    seen.push(`${name} ${req.url}`);
    if (name === 'replay' && req.url === '/cached') res.end('from replay');
    else next();
  };
  installFrontDoor(server, [step('log'), step('replay')]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    assert.equal(await (await fetch(`${base}/other`)).text(), 'from handler');
    assert.equal(await (await fetch(`${base}/cached`)).text(), 'from replay');
    assert.deepEqual(seen, ['log /other', 'replay /other', 'handler /other', 'log /cached', 'replay /cached']);
  } finally {
    server.close();
  }
});

test('refuses a server whose request handling it cannot take over', () => {
  const server = createServer();
  assert.throws(() => installFrontDoor(server, []), /expected one request handler on the HTTP server, found 0/);
});
