import { DEMO_PASSWORD_ENV, demoUsers, DEV_DEMO_PASSWORD } from '@tochka/district-data';
import type { StackContext } from './steps';

/** Hide the password of a URL before printing it (SMTP_URL may carry credentials). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** POSIX-shell quoting for a value in a printed command. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface BannerInfo extends StackContext {
  /** Embedded MongoDB's data folder; undefined with MONGO_URL. */
  mongoDataDir?: string;
  /** Which embedded database runs: mongod, or the FerretDB fallback. */
  mongoKind?: 'mongod' | 'ferretdb';
  /** The embedded NATS's data folder; undefined when NATS was there already. */
  natsDataDir?: string;
  /** Post-start steps that failed. */
  failedSteps?: string[];
}

const DEMO_LOGIN = demoUsers.find((u) => u.role === 'coordinator')!.email;

/** The Russian "everything is up" banner. */
export function renderBanner(info: BannerInfo): string {
  const { settings: s } = info;
  const publicUrl = s.publicUrl.replace(/\/+$/, '');
  const cliEnv = [`MONGO_URL=${shellQuote(info.mongoUrl)}`];
  if (s.mongoDbPrefix !== 'tochka') cliEnv.push(`MONGO_DB_PREFIX=${shellQuote(s.mongoDbPrefix)}`);
  // It asks agreements over NATS whether the organisation is registered and fits the role.
  cliEnv.push(`NATS_URL=${shellQuote(info.natsUrl)}`);
  if (s.subjectPrefix !== 'tochka') cliEnv.push(`SUBJECT_PREFIX=${shellQuote(s.subjectPrefix)}`);
  cliEnv.push(`USER_PASSWORD='придумайте-пароль'`);

  const mail = info.mailDir
    ? `не уходят наружу: сохраняются как .eml в ${info.mailDir}\n                  (SMTP-ловушка ${info.smtpUrl}; каждое письмо — строка «mail» в этом журнале)`
    : `отправляются через SMTP_URL=${redactUrl(info.smtpUrl)}`;
  const mongo = info.mongoDataDir
    ? `${info.mongoKind === 'ferretdb' ? 'FerretDB на SQLite (mongod недоступен)' : 'встроенная'}, ${info.mongoUrl} (данные в ${info.mongoDataDir})`
    : redactUrl(info.mongoUrl);
  const nats = info.natsDataDir ? `встроенный nats-server, ${info.natsUrl} (данные в ${info.natsDataDir})` : redactUrl(info.natsUrl);

  const lines = [
    '',
    '══════════════════════════════════════════════════════════════════════',
    '  Сеть центров «Точка роста» запущена (режим разработки)',
    '══════════════════════════════════════════════════════════════════════',
    `  API:           ${publicUrl}/api`,
    `  Документация:  ${publicUrl}/api/docs`,
    `  Состояние:     ${publicUrl}/health`,
    `  Письма:        ${mail}`,
    `  MongoDB:       ${mongo}, базы ${s.mongoDbPrefix}_*`,
    `  NATS:          ${nats}, префикс ${s.subjectPrefix}`,
  ];
  if (s.instances > 1) lines.push(`  Процессы:      по ${s.instances} каждого сервиса (шлюзы делят порт ${s.port})`);
  if (s.jwtSecretGenerated) {
    lines.push('  JWT_SECRET:    сгенерирован на этот запуск (после перезапуска стека войдите заново)');
  }
  lines.push(
    '',
    `  Демо-вход:     ${DEMO_LOGIN} (координатор), пароль ${process.env[DEMO_PASSWORD_ENV] ? `из ${DEMO_PASSWORD_ENV}` : DEV_DEMO_PASSWORD}`,
    '                 руководители центров: head.sosh5@shcherbinovsky.test и др. (packages/district-data/src/users.ts)',
    '',
    '  Создать пользователя (в другом терминале, из корня репозитория):',
    `    ${cliEnv.join(' ')} \\`,
    '    pnpm --filter @tochka/gateway cli users:create --email coordinator@example.ru \\',
    '      --role coordinator --org mk-moshr --name "Фамилия Имя Отчество"',
    '    роли: coordinator | centre_head | kindergarten | staff',
  );
  if (info.failedSteps?.length) {
    lines.push('', `  Внимание: не выполнено — ${info.failedSteps.join('; ')} (подробности выше в журнале)`);
  }
  lines.push('', '  Остановить: Ctrl+C', '══════════════════════════════════════════════════════════════════════', '');
  return lines.join('\n');
}
