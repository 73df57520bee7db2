/**
 * What the hostile-input tier asserts an output must never contain, and the loopback servers that play
 * the hostile side (a GitHub, Slack or key server answering what an attacker would).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, vi } from 'vitest';
import { terminalControls } from '../support/terminal';

/** Every run of 8 characters of `secret`: none may appear in any output. */
export function secretFragments(secret: string): string[] {
  const fragments: string[] = [];
  for (let start = 0; start + 8 <= secret.length; start += 1) fragments.push(secret.slice(start, start + 8));
  return fragments;
}

/** Fails naming the first 8-character fragment of `secret` found in `output`. */
export function expectNoSecret(output: string, secret: string): void {
  const found = secretFragments(secret).find((fragment) => output.includes(fragment));
  expect(found, `a fragment of the secret in: ${output.slice(0, 400)}`).toBeUndefined();
}

/** Fails when `output` holds a character a terminal would act on (ESC, BEL, CR, C1, RLO). */
export function expectTerminalSafe(output: string): void {
  expect(terminalControls(output)).toEqual([]);
}

/** Everything written to standard output, standard error and console.* while `act` runs. */
export async function captured<T>(act: () => Promise<T>): Promise<{ result: T | Error; output: string }> {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => {
        keep(`${parts.map(String).join(' ')}\n`);
      }),
    ),
  ];
  try {
    let result: T | Error;
    try {
      result = await act();
    } catch (error) {
      result = error as Error;
      keep(`THROWN ${(error as Error).message}\n${(error as Error).stack ?? ''}\n`);
    }
    return { result, output: chunks.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

export type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A loopback HTTP server answering with `handle`; close it when done. */
export async function hostileServer(handle: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => handle(request, Buffer.concat(parts).toString('utf8'), response));
    request.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
