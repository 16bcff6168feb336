import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The web app's API types are generated from the gateway's OpenAPI document; the committed file
 * must be what the current routes produce (`pnpm build` compiles the gateway this reads).
 */
describe('generated API client', () => {
  it('matches the gateway routes (otherwise: pnpm build && pnpm --filter @tochka/web gen:api, and commit)', () => {
    let output = '';
    let failed = false;
    try {
      output = execFileSync(process.execPath, ['scripts/gen-api.mjs', '--check'], { cwd: join(__dirname, '..'), encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      failed = true;
      const e = err as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    expect({ failed, output: output.trim() }).toEqual({ failed: false, output: 'src/api/schema.d.ts is up to date' });
  });
});
