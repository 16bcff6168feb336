import { DomainError } from '@tochka/contracts';

/** 404 with a whole Russian sentence (the shared helper's «… не найдено» fits only neuter nouns). */
export const notFound = (message: string) => new DomainError('not_found', message, 404);
