import { z } from 'zod';
import { AUDIENCES, CENTRE_PROFILES, DIRECTIONS, EVENT_KINDS, ORGANIZATION_KINDS } from './labels';

/** Schemas of the shared vocabulary; the codes and their Russian labels are in `labels.ts`. */
export const organizationKindSchema = z.enum(ORGANIZATION_KINDS);
export const centreProfileSchema = z.enum(CENTRE_PROFILES);
export const directionSchema = z.enum(DIRECTIONS);
export const eventKindSchema = z.enum(EVENT_KINDS);
export const audienceSchema = z.enum(AUDIENCES);
