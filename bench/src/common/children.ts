import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';

const OPTIONS_VARIABLE = 'FIREBREAK_BENCH_CHILD_OPTIONS';

/**
 * A server the bench started in its own process, so the load generator does not share its
 * event loop.
 *
 * @internal
 */
export interface ChildServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `script` (a TypeScript file run through the same transform as the bench) with the
 * given options, sends its output to `logFile`, and waits until it says it is listening.
 *
 * @internal
 */
export async function startChildServer(
  script: string,
  options: {
    port: number;
    logFile: string;
    args?: string[];
    env?: Record<string, string>;
  } & {
    [key: string]: unknown;
  },
  timeoutMs = 120_000,
): Promise<ChildServer> {
  const out = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = fork(script, options.args ?? [], {
    stdio: ['ignore', out, out, 'ipc'],
    env: {
      ...process.env,
      ...options.env,
      [OPTIONS_VARIABLE]: JSON.stringify(options),
    },
  });
  fs.closeSync(out);

  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${script} did not start in ${timeoutMs / 1000} s; see ${
            options.logFile
          }`,
        ),
      );
    }, timeoutMs);
    // The TypeScript transform sends messages of its own over the same channel.
    child.on('message', (message: { type?: string } | null) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(
        new Error(`${script} exited with ${code}; see ${options.logFile}`),
      );
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${options.port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * In a child: the options the bench started it with.
 *
 * @internal
 */
export function readChildOptions<T>(): T & { port: number; logFile: string } {
  const raw = process.env[OPTIONS_VARIABLE];
  if (!raw) {
    throw new Error(
      `${OPTIONS_VARIABLE} is not set: start this from the bench`,
    );
  }
  return JSON.parse(raw);
}

/**
 * In a child: tells the bench the server is listening.
 *
 * @internal
 */
export function reportReady(port: number) {
  process.send?.({ type: 'ready', port });
}

/**
 * User plus system CPU time of a process so far, in milliseconds, from /proc (Linux);
 * undefined elsewhere.
 *
 * @internal
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
