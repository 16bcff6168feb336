export { startSmtpSink } from './smtp-sink';
export type { SinkMessage, SmtpSink, SmtpSinkOptions, WaitForOptions } from './smtp-sink';
