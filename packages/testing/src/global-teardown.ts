/** Stop the containers global-setup started (nothing to do when MONGO_URL/NATS_URL were given). */
export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as Record<string, unknown>).__TOCHKA_CONTAINERS__ as { stop(): Promise<unknown> }[] | undefined;
  await Promise.all((containers ?? []).map((c) => c.stop()));
}
