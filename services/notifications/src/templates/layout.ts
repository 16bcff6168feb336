import { escapeHtml } from './format';

/** What a template says; the layout turns it into the plain-text and the HTML part alike. */
export interface MailContent {
  subject: string;
  /** What happened, in one or two sentences. */
  lead: string;
  /** «Мероприятие: …», «Когда: …», «Где: …» */
  facts: [label: string, value: string][];
  /** A reason, a comment, what to do next. */
  notes?: string[];
  /** Lists with a heading (the digest). */
  sections?: { title: string; items: string[] }[];
  action: { label: string; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface LayoutOptions {
  recipientName?: string;
  /** Set for mails a user may switch off: where to do it. */
  preferencesUrl?: string;
}

const SIGNATURE = 'Письмо отправлено автоматически сервисом сети центров «Точка роста» Щербиновского района.';

export function layout(content: MailContent, opts: LayoutOptions): RenderedMail {
  const greeting = opts.recipientName ? `Здравствуйте, ${opts.recipientName}!` : 'Здравствуйте!';
  const footer = opts.preferencesUrl ? [SIGNATURE, `Настроить, какие письма вы получаете: ${opts.preferencesUrl}`] : [SIGNATURE];

  const text = [
    greeting,
    content.lead,
    content.facts.map(([label, value]) => `${label}: ${value}`).join('\n'),
    ...(content.notes ?? []),
    ...(content.sections ?? []).map((s) => [`${s.title}:`, ...s.items.map((i) => `— ${i}`)].join('\n')),
    `${content.action.label}: ${content.action.url}`,
    ['—', ...footer].join('\n'),
  ]
    .filter((block) => block.length > 0)
    .join('\n\n');

  const e = escapeHtml;
  const html = [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>',
    e(content.subject),
    '</title></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#222">',
    `<p>${e(greeting)}</p>`,
    `<p>${e(content.lead)}</p>`,
    content.facts.length
      ? `<table cellpadding="4" style="border-collapse:collapse">${content.facts
          .map(([label, value]) => `<tr><td style="color:#666;vertical-align:top">${e(label)}</td><td>${e(value)}</td></tr>`)
          .join('')}</table>`
      : '',
    ...(content.notes ?? []).map((n) => `<p>${e(n)}</p>`),
    ...(content.sections ?? []).map((s) => `<h3>${e(s.title)}</h3><ul>${s.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`),
    `<p><a href="${e(content.action.url)}">${e(content.action.label)}</a></p>`,
    `<hr><p style="font-size:12px;color:#888">${e(SIGNATURE)}`,
    opts.preferencesUrl ? `<br><a href="${e(opts.preferencesUrl)}">Настроить, какие письма вы получаете</a>` : '',
    '</p></body></html>',
  ].join('');

  return { subject: content.subject, text, html };
}
