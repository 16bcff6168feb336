import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { startSmtpSink, SinkMessage, SmtpSink } from '../src';

const FROM = '"Точка роста — Школа № 1" <noreply@tochka-rosta.example>';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tochka Rosta//Calendar//RU',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:event-42@tochka-rosta.example',
  'DTSTAMP:20260901T080000Z',
  'DTSTART:20260915T100000Z',
  'DTEND:20260915T113000Z',
  'SUMMARY:Мастер-класс «Робототехника»',
  'LOCATION:Школа № 1\\, кабинет «Точки роста»',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

function transportFor(sink: SmtpSink, extra: { pool?: boolean } = {}) {
  return createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, ...extra });
}

describe('smtp-sink', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
  });

  beforeEach(() => sink.clear());

  it('receives a Russian message with text, HTML and an .ics invitation over real SMTP', async () => {
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    expect(sink.port).toBeGreaterThan(0);

    const info = await createTransport(sink.url).sendMail({
      from: FROM,
      to: '"Иванова Мария Петровна" <maria.ivanova@school1.example>',
      cc: 'завуч@школа1.рф', // Cyrillic mailbox on the envelope (SMTPUTF8)
      subject: 'Запись подтверждена: мастер-класс «Робототехника»',
      text: 'Здравствуйте, Мария Петровна! Ваша запись на 15 сентября подтверждена.',
      html: '<p>Здравствуйте, <b>Мария Петровна</b>! Ваша запись на 15 сентября подтверждена.</p>',
      attachments: [{ filename: 'приглашение.ics', content: ICS, contentType: 'text/calendar; method=REQUEST; charset=utf-8' }],
    });
    expect(info.response).toMatch(/^250/);

    const [m] = await sink.waitFor((msg) => msg.envelope.to.includes('maria.ivanova@school1.example'), { timeoutMs: 2000 });
    expect(m.envelope).toEqual({
      from: 'noreply@tochka-rosta.example',
      to: ['maria.ivanova@school1.example', 'завуч@школа1.рф'],
    });
    expect(m.id).toEqual(expect.any(String));
    expect(m.receivedAt).toBeInstanceOf(Date);
    expect(m.raw.length).toBeGreaterThan(0);
    expect(m.parsed.subject).toBe('Запись подтверждена: мастер-класс «Робототехника»');
    expect(m.parsed.from?.value).toEqual([{ name: 'Точка роста — Школа № 1', address: 'noreply@tochka-rosta.example' }]);
    expect(m.parsed.text?.trim()).toBe('Здравствуйте, Мария Петровна! Ваша запись на 15 сентября подтверждена.');
    expect(m.parsed.html).toContain('<b>Мария Петровна</b>');

    expect(m.parsed.attachments).toHaveLength(1);
    const [ics] = m.parsed.attachments;
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.filename).toBe('приглашение.ics');
    const ctHeader = ics.headers.get('content-type') as { value: string; params: Record<string, string> };
    expect(ctHeader.params.method).toBe('REQUEST');
    expect(ics.content.toString('utf8')).toBe(ICS);
  });

  it('advertises 8BITMIME, SMTPUTF8 and a 25 MB SIZE, offers no STARTTLS and needs no AUTH', async () => {
    const socket = connect(sink.port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (d: string) => (received += d));
    // resolves with the whole (multi-line) reply once its last line arrives; fails fast on any other code
    const reply = async (code: string): Promise<string> => {
      const deadline = Date.now() + 2000;
      while (!/^\d{3} .*\r\n/m.test(received)) {
        if (Date.now() > deadline) throw new Error(`no SMTP reply, got so far: ${received}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const text = received;
      received = '';
      expect(text).toMatch(new RegExp(`^${code} `, 'm'));
      return text;
    };
    try {
      await reply('220');
      socket.write('EHLO client.example\r\n');
      const ehlo = await reply('250');
      expect(ehlo).toMatch(/^250-8BITMIME\r$/m);
      expect(ehlo).toMatch(/^250-SMTPUTF8\r$/m);
      expect(ehlo).toMatch(/^250[ -]SIZE 26214400\r$/m);
      expect(ehlo).not.toContain('STARTTLS');
      socket.write('MAIL FROM:<робот@точка.рф> BODY=8BITMIME SMTPUTF8\r\n');
      await reply('250');
      socket.write('RCPT TO:<учитель@школа.рф>\r\n');
      await reply('250');
      socket.write('DATA\r\n');
      await reply('354');
      // raw 8-bit UTF-8 headers and body, no MIME encoding at all
      socket.write(
        'From: Робот <робот@точка.рф>\r\nSubject: Проверка 8bit\r\nContent-Type: text/plain; charset=utf-8\r\n' +
          'Content-Transfer-Encoding: 8bit\r\n\r\nПривет, мир!\r\n.\r\n',
      );
      await reply('250');
      socket.write('QUIT\r\n');
    } finally {
      socket.end();
    }
    const [m] = await sink.waitFor((msg) => msg.parsed.subject === 'Проверка 8bit', { timeoutMs: 2000 });
    expect(m.envelope).toEqual({ from: 'робот@точка.рф', to: ['учитель@школа.рф'] });
    expect(m.parsed.subject).toBe('Проверка 8bit');
    expect(m.parsed.text?.trim()).toBe('Привет, мир!');
  });

  it('waitFor waits for `count` matches and to() filters by envelope recipient, case-insensitively', async () => {
    const subjects = (ms: SinkMessage[]) => ms.map((m) => m.parsed.subject).sort();
    const waiting = sink.waitFor((m) => m.parsed.subject?.startsWith('Напоминание') ?? false, { count: 3, timeoutMs: 3000 });
    let settled = false;
    void waiting.then(
      () => (settled = true),
      () => (settled = true),
    );

    const transport = transportFor(sink);
    const send = (to: string, subject: string) => transport.sendMail({ from: FROM, to, subject, text: subject });
    await send('teacher.a@school1.example', 'Напоминание 1');
    await send('учитель.б@школа2.рф', 'Напоминание 2');
    await send('director@school1.example', 'Другая тема'); // does not match the predicate
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false); // only 2 of 3 matching messages so far

    await send('Teacher.C@School3.example', 'Напоминание 3');
    const got = await waiting;
    expect(subjects(got)).toEqual(['Напоминание 1', 'Напоминание 2', 'Напоминание 3']);
    expect(sink.messages).toHaveLength(4);

    expect(subjects(sink.to('TEACHER.A@SCHOOL1.EXAMPLE'))).toEqual(['Напоминание 1']);
    expect(subjects(sink.to('Учитель.Б@Школа2.РФ'))).toEqual(['Напоминание 2']);
    expect(subjects(sink.to('teacher.c@school3.example'))).toEqual(['Напоминание 3']);
    expect(sink.to('nobody@school1.example')).toEqual([]);

    // messages already received count immediately
    await expect(sink.waitFor((m) => m.parsed.subject === 'Другая тема', { timeoutMs: 50 })).resolves.toHaveLength(1);

    sink.clear();
    expect(sink.messages).toHaveLength(0);
    expect(sink.to('teacher.a@school1.example')).toEqual([]);
  });

  it('waitFor rejects after the timeout with the subjects and recipients received so far', async () => {
    await transportFor(sink).sendMail({
      from: FROM,
      to: 'parent@family.example',
      subject: 'Изменение расписания',
      text: 'Занятие перенесено.',
    });
    await sink.waitFor(() => true, { timeoutMs: 2000 });

    const started = Date.now();
    const err: Error = await sink
      .waitFor((m) => m.parsed.subject === 'Такого письма нет', { timeoutMs: 150 })
      .then(
        () => {
          throw new Error('waitFor should have timed out');
        },
        (e: Error) => e,
      );
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain('Timed out after 150 ms');
    expect(err.message).toContain('"Изменение расписания"');
    expect(err.message).toContain('parent@family.example');
  });

  it('saves each message as a readable .eml file in saveDir and calls onMessage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtp-sink-'));
    const saveDir = join(dir, 'mail'); // does not exist yet: the sink creates it
    const seen: SinkMessage[] = [];
    const saving = await startSmtpSink({ saveDir, onMessage: (m) => seen.push(m) });
    try {
      await transportFor(saving).sendMail({
        from: FROM,
        to: 'methodist@district.example',
        subject: 'Соглашение о сетевом взаимодействии подписано',
        text: 'Соглашение № 7 подписано обеими сторонами.',
      });
      const [m] = await saving.waitFor(() => true, { timeoutMs: 2000 });
      expect(seen).toEqual([m]);

      const files = await readdir(saveDir);
      expect(files).toEqual([`${m.receivedAt.toISOString()}-${m.id}.eml`]);
      const eml = await readFile(join(saveDir, files[0]));
      expect(eml.equals(m.raw)).toBe(true);
      const reparsed = await simpleParser(eml);
      expect(reparsed.subject).toBe('Соглашение о сетевом взаимодействии подписано');
      expect(reparsed.text?.trim()).toBe('Соглашение № 7 подписано обеими сторонами.');
    } finally {
      await saving.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stop() refuses connections (also cutting idle pooled ones) and start() listens again on the same port', async () => {
    const outage = await startSmtpSink();
    const pooled = transportFor(outage, { pool: true });
    const mail = (subject: string) => ({ from: FROM, to: 'student@school1.example', subject, text: subject });
    try {
      const port = outage.port;
      await pooled.sendMail(mail('До сбоя'));
      expect(outage.messages).toHaveLength(1);

      const stopStarted = Date.now();
      await outage.stop(); // the pooled connection is still open and must not delay the stop
      expect(Date.now() - stopStarted).toBeLessThan(500);

      await expect(createTransport(outage.url).sendMail(mail('Во время сбоя'))).rejects.toThrow(/ECONNREFUSED/);
      await expect(pooled.sendMail(mail('Во время сбоя, пул'))).rejects.toThrow();
      expect(outage.messages).toHaveLength(1); // kept across stop()

      await outage.start();
      expect(outage.port).toBe(port);
      expect(outage.url).toBe(`smtp://127.0.0.1:${port}`);
      await createTransport(`smtp://127.0.0.1:${port}`).sendMail(mail('После восстановления'));
      await pooled.sendMail(mail('После восстановления, пул'));

      const subjects = outage.messages.map((m) => m.parsed.subject);
      expect(subjects).toEqual(['До сбоя', 'После восстановления', 'После восстановления, пул']);
    } finally {
      pooled.close();
      await outage.close();
    }
    await expect(outage.start()).rejects.toThrow(/closed/);
  });

  it('start() retries while the port is briefly taken by someone else (EADDRINUSE)', async () => {
    const flaky = await startSmtpSink();
    const port = flaky.port;
    await flaky.stop();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    const released = new Promise<void>((resolve) => setTimeout(() => squatter.close(() => resolve()), 200));
    try {
      const started = Date.now();
      await flaky.start();
      expect(Date.now() - started).toBeGreaterThanOrEqual(150); // it really had to wait for the squatter
      await released;
      expect(flaky.port).toBe(port);
      await createTransport(flaky.url).sendMail({ from: FROM, to: 'admin@district.example', subject: 'Порт снова свободен', text: '…' });
      expect(flaky.to('admin@district.example').map((m) => m.parsed.subject)).toEqual(['Порт снова свободен']);
    } finally {
      await released;
      await flaky.close();
    }
  });
});
