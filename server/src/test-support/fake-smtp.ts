import { createServer, type Server, type Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** AUTH PLAIN/LOGIN's user, when the client signed in. */
  user: string | null;
  subject: string;
  /** The decoded body (quoted-printable and base64 undone). */
  text: string;
  raw: string;
}

export interface FakeSmtp {
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** Answer every RCPT TO with 550 (a delivery failure) while true. */
  rejectRecipients: boolean;
  close(): Promise<void>;
}

/**
 * A small SMTP server speaking enough of RFC 5321 for nodemailer to deliver over plain TCP: EHLO/HELO,
 * AUTH PLAIN and LOGIN, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. No STARTTLS (not advertised, so
 * nodemailer stays in the clear on localhost). Records every message it accepted.
 */
export async function startFakeSmtp(credentials = { user: 'mailer', pass: 'smtp-pass' }): Promise<FakeSmtp> {
  const sockets = new Set<Socket>();
  const fake: FakeSmtp = { url: '', received: [], rejectRecipients: false, close: async () => undefined };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    serve(socket, fake, credentials);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  fake.url = `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}

function serve(socket: Socket, fake: FakeSmtp, credentials: { user: string; pass: string }) {
  const reply = (line: string) => socket.write(`${line}\r\n`);
  let buffer = '';
  let inData = false;
  let auth: 'login-user' | 'login-pass' | null = null;
  let loginUser = '';
  let user: string | null = null;
  let envelope: { from: string; to: string[] } = { from: '', to: [] };
  const signIn = (name: string, pass: string) => {
    if (name === credentials.user && pass === credentials.pass) {
      user = name;
      reply('235 2.7.0 Authentication successful');
    } else reply('535 5.7.8 Authentication credentials invalid');
  };
  const command = (line: string) => {
    if (auth === 'login-user') {
      loginUser = Buffer.from(line, 'base64').toString();
      auth = 'login-pass';
      return reply('334 UGFzc3dvcmQ6');
    }
    if (auth === 'login-pass') {
      auth = null;
      return signIn(loginUser, Buffer.from(line, 'base64').toString());
    }
    const [verb = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        return reply('250-fake-smtp\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8');
      case 'HELO':
        return reply('250 fake-smtp');
      case 'AUTH': {
        const [mech = '', initial] = arg.split(' ');
        if (mech.toUpperCase() === 'PLAIN') {
          if (!initial) return reply('501 5.5.2 initial response expected');
          const [, name = '', pass = ''] = Buffer.from(initial, 'base64').toString().split('\0');
          return signIn(name, pass);
        }
        if (mech.toUpperCase() === 'LOGIN') {
          auth = 'login-user';
          return reply('334 VXNlcm5hbWU6');
        }
        return reply('504 5.5.4 mechanism not supported');
      }
      case 'MAIL':
        envelope = { from: address(arg), to: [] };
        return reply('250 2.1.0 OK');
      case 'RCPT':
        if (fake.rejectRecipients) return reply('550 5.1.1 mailbox unavailable');
        envelope.to.push(address(arg));
        return reply('250 2.1.5 OK');
      case 'DATA':
        inData = true;
        return reply('354 End data with <CR><LF>.<CR><LF>');
      case 'RSET':
        envelope = { from: '', to: [] };
        return reply('250 2.0.0 OK');
      case 'NOOP':
        return reply('250 2.0.0 OK');
      case 'QUIT':
        reply('221 2.0.0 Bye');
        return socket.end();
      default:
        return reply('502 5.5.2 command not recognized');
    }
  };
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    for (;;) {
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) return;
        const raw = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
        buffer = buffer.slice(end + 5);
        inData = false;
        fake.received.push({ ...envelope, user, ...parse(raw), raw });
        reply('250 2.0.0 queued');
        continue;
      }
      const eol = buffer.indexOf('\r\n');
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      command(line);
    }
  });
  reply('220 fake-smtp ESMTP ready');
}

const address = (arg: string) => /<([^>]*)>/.exec(arg)?.[1] ?? '';

/** The subject and the decoded body of a single-part text message (what nodemailer sends for `text`). */
function parse(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s?/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString() : quotedPrintable(data.replace(/_/g, ' ')),
  );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? quotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString() : body;
  return { subject, text: text.replace(/\r\n/g, '\n') };
}

function quotedPrintable(s: string): string {
  // A literal % first (QP leaves it as is), then every =XX as a byte, decoded as UTF-8 together.
  const escaped = s
    .replace(/=\r?\n/g, '')
    .replace(/%/g, '%25')
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
  try {
    return decodeURIComponent(escaped);
  } catch {
    return s;
  }
}
