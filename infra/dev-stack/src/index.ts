export * from './backing';
export * from './banner';
export * from './format';
export * from './health';
export * from './processes';
export * from './settings';
export * from './steps';
export { DevStack, main } from './start';
export type { StackOptions } from './start';
