export * from './config';
export * from './logger';
export * from './clock';
export * from './mongo';
export * from './tokens';
export * from './service';
export * from './outbox-model';
export * from './periodic';
