import { DomainError, FieldError } from '@tochka/contracts';
import { COMMON_PASSWORDS } from './common-passwords';

/** NIST SP 800-63B / OWASP: length over composition rules, and no password from a breach list. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const common = new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));

/** What is wrong with a new account's password, in Russian (empty when it is acceptable). */
export function passwordProblems(password: string, email?: string): string[] {
  const length = [...password].length;
  return [
    ...(length < PASSWORD_MIN_LENGTH ? [`Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов`] : []),
    ...(length > PASSWORD_MAX_LENGTH ? [`Пароль должен быть не длиннее ${PASSWORD_MAX_LENGTH} символов`] : []),
    ...passwordContentProblems(password, email),
  ];
}

/** The policy but its length: a breached or trivial password, or one that repeats the e-mail. */
export function passwordContentProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const lower = password.trim().toLowerCase();
  if (common.has(lower)) problems.push('Этот пароль слишком распространён и есть в списках утёкших паролей: выберите другой');
  else if (new Set(password).size < 4) problems.push('Пароль слишком простой: в нём меньше четырёх разных символов');
  const address = email?.trim().toLowerCase();
  const local = address?.split('@')[0];
  if (address && (lower === address || (local && local.length >= 4 && lower.includes(local)))) {
    problems.push('Пароль не должен повторять адрес электронной почты');
  }
  return problems;
}

/** Refuse a weak password for a new account (400 naming the field). */
export function assertAcceptablePassword(password: string, email?: string): void {
  const problems = passwordProblems(password, email);
  if (!problems.length) return;
  const errors: FieldError[] = problems.map((message) => ({ path: 'password', message }));
  throw new DomainError('weak_password', problems[0]!, 400, errors);
}
