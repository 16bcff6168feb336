import { useRef } from 'react';

/** 128 random bits as hex (crypto.randomUUID needs a secure context; this works everywhere). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per submission: the same content sent again (a double click, a retry after
 * a lost answer or an expired session) carries the same key, so the API creates one registration;
 * changed content or a finished submission gets a new key.
 */
export function useSubmissionKey() {
  const current = useRef<{ content: string; key: string } | null>(null);
  return {
    keyFor(content: unknown): string {
      const text = JSON.stringify(content);
      if (!current.current || current.current.content !== text) current.current = { content: text, key: newKey() };
      return current.current.key;
    },
    done() {
      current.current = null;
    },
  };
}
