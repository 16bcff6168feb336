import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DomainError, emailSchema, idSchema, Organization, parseOrThrow, roleSchema } from '@tochka/contracts';
import { connectRpcOnly } from '@tochka/messaging';
import { connectMongo, loadConfig } from '@tochka/runtime';
import { configSchema } from './config';
import { userModel } from './users/user.model';
import { createUser } from './users/users.service';
import { findOrganization, roleMisfit } from './users/organization-fit';

const USAGE = `Usage:
  pnpm --filter @tochka/gateway cli users:create --email <e-mail> --role <coordinator|centre_head|kindergarten|staff> --org <organization id> --name "<full name>"
The password is read from the USER_PASSWORD environment variable (or --password, which other users of the machine can see).
The organisation must be registered and its kind fit the role (asked of the agreements service over NATS: NATS_URL, SUBJECT_PREFIX);
only a coordinator may be created for an organisation not registered yet (the first account of a new installation).
Connects to the gateway's database with the gateway's settings (MONGO_URL, MONGO_DB).`;

const argsSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
  org: idSchema,
  name: z.string().min(1, 'Укажите имя'),
  password: z.string().min(1, 'Задайте пароль в USER_PASSWORD или --password'),
});

/** `users:create`; returns the process exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env, out = console): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'users:create') {
    out.error(USAGE);
    return 2;
  }
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    });
    args = parseOrThrow(argsSchema, { ...values, password: values.password ?? env.USER_PASSWORD });
  } catch (err) {
    const problems = err instanceof DomainError ? err.errors?.map((e) => `  ${e.path}: ${e.message}`).join('\n') : (err as Error).message;
    out.error(`${problems}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(configSchema, { NODE_ENV: 'development', ...env });
  let bus: Awaited<ReturnType<typeof connectRpcOnly>>;
  try {
    bus = await connectRpcOnly(config.NATS_URL, 'gateway-cli', config.SUBJECT_PREFIX, config.RPC_TIMEOUT_MS);
  } catch (err) {
    out.error(`Нет связи с NATS (${config.NATS_URL}): ${(err as Error).message}`);
    return 1;
  }
  // The rule of the API (users.controller.ts): a registered organisation whose kind fits the role.
  // One exception, for a new installation: its first coordinator, before any organisation is registered.
  let organization: Organization | undefined;
  try {
    organization = await findOrganization(bus.rpc, args.org);
  } catch (err) {
    out.error(`Организацию не удалось проверить: сервис agreements не ответил (${(err as Error).message})`);
    return 1;
  } finally {
    await bus.close();
  }
  const problem = organization
    ? roleMisfit(args.role, organization)
    : args.role === 'coordinator'
      ? undefined
      : `Организация «${args.org}» не найдена: сначала координатор регистрирует её (POST /api/organizations)`;
  if (problem) {
    out.error(`  ${organization ? 'role' : 'org'}: ${problem}\n\n${USAGE}`);
    return 2;
  }
  if (!organization) out.error(`Организация «${args.org}» ещё не зарегистрирована: координатор регистрирует её после входа`);
  const conn = await connectMongo(config.MONGO_URL, config.MONGO_DB ?? `${config.MONGO_DB_PREFIX}_gateway`);
  try {
    const users = userModel(conn);
    await users.createIndexes();
    const user = await createUser(users, { email: args.email, name: args.name, role: args.role, organizationId: args.org, password: args.password });
    out.log(JSON.stringify({ created: user }));
    return 0;
  } catch (err) {
    out.error(err instanceof DomainError ? err.message : (err as Error).message);
    return 1;
  } finally {
    await conn.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
