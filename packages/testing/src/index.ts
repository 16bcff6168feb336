export * from './env';
export * from './clock';
export * from './bus-probe';
export * from './api';
export * from './stack';
export * from './fixtures';
export { startSmtpSink, type SmtpSink, type SinkMessage } from '@tochka/smtp-sink';
export * from './calendar-feed';
export * from './handled-events';
