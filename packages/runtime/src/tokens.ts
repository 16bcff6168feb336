/** Injection tokens of what every process shares. */
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const BUS = Symbol('BUS');
export const MONGO = Symbol('MONGO');
/** The service's {@link HealthChecks}: providers register what they depend on. */
export const HEALTH = Symbol('HEALTH');
export { CLOCK } from './clock';
/** The process's {@link ServiceMetrics}: providers add their own series. */
export const METRICS = Symbol('METRICS');
