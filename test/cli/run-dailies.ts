import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process: the source through tsx by default, or a built
 * bundle. The child gets the test's environment minus Dailies' own variables, plus `env`;
 * `stdin` is piped in (a secret, as a script would), else stdin is empty.
 */
export function runDailies(
  args: readonly string[],
  options: { env?: Record<string, string>; entry?: string[]; stdin?: string } = {},
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DAILIES_DATA_DIR', 'DAILIES_FFPROBE', 'DAILIES_FFMPEG']) delete env[name];
  Object.assign(env, options.env);
  const entry = options.entry ?? ['--import', 'tsx', 'src/cli/main.ts'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(options.stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
