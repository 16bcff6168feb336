/**
 * The compose files, checked without a Docker engine: loaded by compose-go (the loader of Docker
 * Compose v2, built by infra/compose-check/check.sh), then the references between the parts —
 * NATS routes, the replica set, the services' addresses, the proxy — are checked here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICES } from '../src/settings';

const ROOT = resolve(__dirname, '..', '..', '..');
const CHECK = join(ROOT, 'infra', 'compose-check', 'check.sh');

interface ComposeService {
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  build?: { args?: Record<string, string> };
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  volumes?: { type: string; source: string; target: string }[];
  healthcheck?: { test: string[] };
  ports?: { target: number; published: string }[];
}
interface Project {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function check(...files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(
      'bash',
      [CHECK, ...files],
      { cwd: ROOT, env: { ...process.env, JWT_SECRET: 'x'.repeat(32) }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** host:port of every server in `nats://a:1,nats://b:2` or `mongodb://a:1,b:2/?opts`. */
const hostsOf = (url: string) => url.split(',').map((h) => h.replace(/^[a-z+]+:\/\//, '').replace(/\/.*$/, ''));

/** Prometheus (infra/prometheus/prometheus.yml) finds every service of the launcher on its METRICS_PORT. */
function expectScraped(project: Project): void {
  const prometheus = project.services.prometheus!;
  const conf = prometheus.volumes!.find((v) => v.target === '/etc/prometheus/prometheus.yml')!;
  const text = readFileSync(conf.source, 'utf8');
  const names = /names: \[([^\]]+)\]/
    .exec(text)![1]!
    .split(',')
    .map((n) => n.trim());
  expect(names.sort()).toEqual([...SERVICES].sort());
  const port = /port: (\d+)/.exec(text)![1];
  for (const name of SERVICES) {
    expect(project.services[name]).toBeDefined();
    expect({ name, port: project.services[name]!.environment!.METRICS_PORT, host: project.services[name]!.environment!.METRICS_HOST }).toEqual({
      name,
      port,
      host: '0.0.0.0',
    });
  }
}

describe('docker-compose files', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'compose-check-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('docker-compose.yml loads', async () => {
    const r = await check('docker-compose.yml');
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('[compose-check]'))).toEqual([]);
    expect(r.code).toBe(0);
    const project = JSON.parse(r.stdout) as Project;
    expect(Object.keys(project.services)).toEqual(expect.arrayContaining([...SERVICES]));
    expectScraped(project);
    const grafana = project.services.grafana!;
    expect(grafana.volumes!.map((v) => v.source)).toEqual(
      expect.arrayContaining([join(ROOT, 'infra', 'grafana', 'provisioning'), join(ROOT, 'infra', 'grafana', 'dashboards')]),
    );
  }, 240_000);

  it('the Grafana dashboard asks only for series the processes export', () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'infra', 'grafana', 'dashboards', 'tochka.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const sources = [
      'packages/runtime/src/metrics.ts',
      'services/gateway/src/http/metrics.middleware.ts',
      'services/notifications/src/delivery/mail-metrics.ts',
    ].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const defined = new Set(sources.flatMap((t) => [...t.matchAll(/'(tochka_[a-z_]+)'/g)].map((m) => m[1]!)));
    defined.add('tochka_process_resident_memory_bytes'); // prom-client's default metrics, prefix tochka_
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const used = [...expr.matchAll(/\b(tochka_[a-z_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, ''));
        expect({ panel: panel.title, unknown: used.filter((n) => !defined.has(n)) }).toEqual({ panel: panel.title, unknown: [] });
      }
    }
  });

  describe('docker-compose.cluster.yml', () => {
    let project: Project;
    const svc = (name: string) => project.services[name]!;

    beforeAll(async () => {
      const r = await check('docker-compose.cluster.yml');
      if (r.code !== 0) throw new Error(r.stderr);
      project = JSON.parse(r.stdout) as Project;
    }, 240_000);

    it('runs three NATS nodes routed to each other, each with its own store', () => {
      const nats = Object.keys(project.services).filter((n) => /^nats\d$/.test(n));
      expect(nats).toHaveLength(3);
      for (const name of nats) {
        const cmd = svc(name).command!;
        const arg = (flag: string) => cmd[cmd.indexOf(flag) + 1];
        expect(cmd).toContain('-js');
        expect(arg('-n')).toBe(name);
        expect(arg('--cluster_name')).toBe('tochka');
        const clusterPort = arg('--cluster')!.split(':').pop();
        expect(arg('--routes')!.split(',').sort()).toEqual(nats.map((n) => `nats://${n}:${clusterPort}`).sort());
        const store = svc(name).volumes!.find((v) => v.target === arg('-sd'))!;
        expect(store.type).toBe('volume');
        expect(Object.keys(project.volumes ?? {})).toContain(store.source);
      }
      expect(new Set(nats.map((n) => svc(n).volumes![0]!.source)).size).toBe(3);
    });

    it('runs a replica set rs0 of three, initiated by a one-shot container with those members', () => {
      const mongos = Object.keys(project.services).filter((n) => /^mongo\d$/.test(n));
      expect(mongos).toHaveLength(3);
      for (const name of mongos) expect(svc(name).command).toEqual(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
      const init = svc('mongo-init');
      const script = init.volumes!.find((v) => v.target === init.entrypoint![init.entrypoint!.length - 1])!;
      expect(script.source).toBe(join(ROOT, 'infra', 'mongo', 'rs-init.js'));
      const text = readFileSync(script.source, 'utf8');
      expect([...text.matchAll(/host: '([^']+)'/g)].map((m) => m[1]).sort()).toEqual(mongos.map((m) => `${m}:27017`).sort());
      expect(text).toContain("_id: 'rs0'");
      expect(Object.keys(init.depends_on!).sort()).toEqual(mongos.sort());
    });

    it('runs two instances of every service of the launcher, wired to the cluster and the replica set', () => {
      const apps = Object.entries(project.services).filter(([, s]) => s.build?.args?.SERVICE);
      expect(apps.map(([n]) => n).sort()).toEqual([...SERVICES].sort());
      for (const [name, s] of apps) {
        expect(s.build!.args!.SERVICE).toBe(name);
        expect(s.deploy?.replicas).toBeGreaterThanOrEqual(2);
        const env = s.environment!;
        expect(hostsOf(env.NATS_URL!).sort()).toEqual(['nats1:4222', 'nats2:4222', 'nats3:4222']);
        expect(hostsOf(env.MONGO_URL!).sort()).toEqual(['mongo1:27017', 'mongo2:27017', 'mongo3:27017']);
        expect(env.MONGO_URL).toContain('replicaSet=rs0');
        expect(env.JETSTREAM_REPLICAS).toBe('3');
        expect(s.depends_on!['mongo-init']!.condition).toBe('service_completed_successfully');
        for (const n of ['nats1', 'nats2', 'nats3']) expect(s.depends_on![n]!.condition).toBe('service_healthy');
      }
      const smtp = new URL(svc('notifications').environment!.SMTP_URL!);
      expect(Object.keys(project.services)).toContain(smtp.hostname);
    });

    it('puts the gateways behind nginx, which proxies to the gateway service on its port', () => {
      const proxy = svc('proxy');
      const conf = proxy.volumes!.find((v) => v.target === '/etc/nginx/nginx.conf')!;
      const text = readFileSync(conf.source, 'utf8');
      const target = new URL(/set \$gateway (\S+);/.exec(text)![1]!);
      expect(target.hostname).toBe('gateway');
      expect(target.port).toBe(svc('gateway').environment!.PORT);
      expect(text).toContain('proxy_pass $gateway;');
      expect(text).toMatch(/resolver 127\.0\.0\.11 /);
      expect(proxy.depends_on!.gateway!.condition).toBe('service_healthy');
      expect(svc('gateway').healthcheck!.test.join(' ')).toContain('/health/ready');
      expect(svc('gateway').ports ?? []).toEqual([]); // only the proxy is published
      expect(proxy.ports!.map((p) => p.target)).toEqual([8080]);
    });

    it('is scraped by Prometheus, every container of every service', () => expectScraped(project));

    it('is refused when it names a service that does not exist', async () => {
      const broken = readFileSync(join(ROOT, 'docker-compose.cluster.yml'), 'utf8').replace(
        '    nats3:\n      condition: service_healthy\n  restart',
        '    nats4:\n      condition: service_healthy\n  restart',
      );
      expect(broken).toContain('nats4');
      const file = join(tmp, 'broken.yml');
      writeFileSync(file, broken);
      const r = await check(file);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/nats4/);
    }, 60_000);
  });
});
