import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve as resolvePath } from 'node:path';

/** Every backend started by this test run, so none outlives it, whatever happens. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The example backend as its own operating-system process, run from source the way
 * `backstage-cli package start` runs it (Node with Backstage's TypeScript hook), without the
 * file watcher and without a parent process in between: `pid` is the backend itself, so a
 * signal reaches it and nothing else.
 */
export class BackendProcess {
  private readonly output: string[] = [];
  /** Resolves when the process has ended, with its exit code or signal. */
  readonly exited: Promise<string>;

  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n'));
      this.output.splice(0, Math.max(0, this.output.length - 40));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise(resolve =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve(signal ?? String(code));
      }),
    );
  }

  /** Starts the example backend on `port` with `config` as APP_CONFIG_ variables. */
  static start(options: {
    name: string;
    port: number;
    config: Record<string, string>;
  }): BackendProcess {
    const backendDir = resolvePath(__dirname, '../..');
    const baseUrl = `http://localhost:${options.port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // What `yarn start` runs in: the example's guest sign-in is for development only.
      NODE_ENV: 'development',
      // Node keeps the compiled code of the backend's modules, so the next start is quicker.
      NODE_COMPILE_CACHE: resolvePath(
        tmpdir(),
        'firebreak-backend-compile-cache',
      ),
      APP_CONFIG_backend_listen_port: String(options.port),
      APP_CONFIG_backend_baseUrl: baseUrl,
    };
    for (const [key, value] of Object.entries(options.config)) {
      env[`APP_CONFIG_${key}`] = value;
    }
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        '../../app-config.yaml',
      ],
      { cwd: backendDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return new BackendProcess(options.name, baseUrl, child);
  }

  /** The operating system's id of the backend process. */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The last lines the backend wrote, for a failure message. */
  lastOutput(): string {
    return this.output.join('\n');
  }

  /** Waits until Firebreak answers its health check; fails if the process ends first. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended: string | undefined;
    this.exited.then(how => {
      ended = how;
    });
    while (Date.now() < deadline && ended === undefined) {
      try {
        const answer = await fetch(`${this.baseUrl}/api/firebreak/health`);
        if (answer.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(
      `Backend ${this.name} did not get ready (${
        ended ? `it ended: ${ended}` : `${timeoutMs} ms`
      }); its last output:\n${this.lastOutput()}`,
    );
  }

  /**
   * Freezes the process (SIGSTOP) or lets it go on (SIGCONT), so that what it holds can be read
   * while it cannot change.
   */
  freeze(frozen: boolean): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(frozen ? 'SIGSTOP' : 'SIGCONT');
    }
  }

  /** Sends a signal and waits until the process has ended. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
    }
    await this.exited;
  }
}
