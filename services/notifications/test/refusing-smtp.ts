import { createServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A minimal SMTP server that answers like a real one but refuses every recipient while
 * `refusing` is set (550), to see how the sender treats a server that says no — the sink
 * accepts everything.
 */
export interface RefusingSmtp {
  url: string;
  refusing: boolean;
  /** Messages it accepted (while not refusing). */
  accepted: number;
  close(): Promise<void>;
}

export async function startRefusingSmtp(): Promise<RefusingSmtp> {
  const sockets = new Set<Socket>();
  const state = { refusing: true, accepted: 0 };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 refusing.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          state.accepted++;
          reply('250 2.0.0 accepted');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 refusing.test');
        else if (verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 OK');
        else if (verb === 'RCPT') reply(state.refusing ? '550 5.1.1 Mailbox unavailable' : '250 2.1.5 OK');
        else if (verb === 'DATA') {
          inData = true;
          buffer = `\r\n${buffer}`; // the end marker may follow the DATA line at once
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    get refusing() {
      return state.refusing;
    },
    set refusing(v: boolean) {
      state.refusing = v;
    },
    get accepted() {
      return state.accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
