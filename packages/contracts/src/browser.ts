/**
 * What the web app takes from the contracts: the vocabulary's Russian labels, Moscow time and
 * Russian plurals — plain TypeScript without zod or Node, so the browser bundle stays small.
 * (`services/web` imports this file from source through an alias.)
 */
export * from './labels';
export * from './time';
export * from './plural';
