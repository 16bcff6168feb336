import { z } from 'zod';

// Every message a user can read is Russian, including validation messages produced by zod.
z.config(z.locales.ru());

export * from './define';
export * from './errors';
export * from './common';
export * from './labels';
export * from './plural';
export * from './vocabulary';
export * from './health';
export * from './users';
export * from './time';
export * from './agreements';
export * from './calendar';
export * from './calendar-rpcs';
export * from './registrations';
export * from './registrations-rpcs';
export * from './notifications';
export * from './reports';
export * from './registry';
export * from './tolerant';
