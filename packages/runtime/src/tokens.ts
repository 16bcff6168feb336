/** Injection tokens of what every process shares. */
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const BUS = Symbol('BUS');
export const MONGO = Symbol('MONGO');
export { CLOCK } from './clock';
