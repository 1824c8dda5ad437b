import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './http-handler.js';

// express's own req.ip: proxy-addr with express's compiled numeric `trust proxy` (trust the first n hops).
const fromExpress = createRequire(createRequire(import.meta.url).resolve('express'));
const proxyaddr = fromExpress('proxy-addr') as (req: unknown, trust: (addr: string, i: number) => boolean) => string;

const request = (remoteAddress: string, xff?: string) => ({ socket: { remoteAddress }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it.each([
    [undefined],
    [''],
    ['203.0.113.7'],
    ['203.0.113.7, 10.0.0.2'],
    ['203.0.113.7,10.0.0.2,  10.0.0.3 '],
    [' , 198.51.100.1 ,, 10.0.0.9,'],
    ['2001:db8::1, ::ffff:10.0.0.1'],
    ['a b, c\t'],
  ])('matches express req.ip for X-Forwarded-For %j at 0-4 trusted hops', (xff) => {
    for (let hops = 0; hops <= 4; hops++) {
      const req = request('10.0.0.1', xff);
      expect(clientAddress(req, hops)).toBe(proxyaddr(req, (_a, i) => i < hops));
    }
  });
});
