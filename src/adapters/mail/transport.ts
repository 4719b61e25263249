/**
 * Turns an outbox mail into a real message: multipart/alternative with text/plain, text/html
 * and a `text/calendar; method=…` part, which is what makes Outlook, Gmail and Apple Mail show
 * an invitation (an .ics only as an attachment is not treated as one).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboxMail } from '../../core/store-ports.js';

export interface MailSender {
  send(mail: OutboxMail): Promise<void>;
  close(): void;
}

export function mailMessage(mail: OutboxMail, from: string): nodemailer.SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // A plain notice (a "starting now" mail) has no calendar part: it changes no calendar.
    alternatives: mail.ics
      ? [{ contentType: `text/calendar; charset=utf-8; method=${mail.method}`, content: mail.ics }]
      : [],
    headers: { 'X-Callink-Mail-Id': mail.id },
  };
}

export function createSmtpSender(options: { url: string; from: string }): MailSender {
  const transport: Transporter = nodemailer.createTransport(options.url, {
    // Fail a dead server quickly; the outbox retries later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    async send(mail) {
      await transport.sendMail(mailMessage(mail, options.from));
    },
    close: () => transport.close(),
  };
}
