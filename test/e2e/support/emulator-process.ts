// Runs `npm start`'s emulator (emulator/start.ts, with tsx's loader) as a child process on a free port with a
// throwaway data folder, so every run starts clean and a developer's own .local is never read or written.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT = 200;

export interface EmulatorProcess {
  /** Base URL of the preview, e.g. http://127.0.0.1:41305 */
  readonly url: string;
  /** The last lines the emulator printed (stdout and stderr), for failure messages. */
  readonly outputTail: (lines?: number) => string;
  stop(): Promise<void>;
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Signals the emulator, swallowing ESRCH (it is already gone). */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    child.kill(name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

async function waitForHealth(url: string, exited: () => string | undefined, deadline: number): Promise<void> {
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`the emulator exited before it was healthy (${exit})`);
    try {
      const reply = await fetch(`${url}/__emulator/health`);
      if (reply.status === 200) return;
      last = `HTTP ${reply.status}: ${await reply.text()}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await delay(250);
  }
  throw new Error(`${url}/__emulator/health was not 200 within ${START_TIMEOUT_MS} ms (last: ${last})`);
}

export async function startEmulator(): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jit-e2e-'));
  const output: string[] = [];
  let exitDescription: string | undefined;
  // One process (node with tsx's loader, not the tsx CLI, which would run node as a grandchild): a kill always
  // reaches the emulator itself, and Ctrl-C in a terminal reaches it as it reaches the test runner.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', EMULATOR_DATA_DIR: dataDir, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, killedBy) => {
      exitDescription = killedBy ? `signal ${killedBy}` : `exit code ${code ?? '?'}`;
      done();
    }),
  );
  // A test runner that exits without stop() (a crash, process.exit) must not leave the emulator or its data.
  const killOnExit = (): void => {
    signal(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  let announce: (url: string) => void = () => undefined;
  const announced = new Promise<string>((done) => (announce = done));
  const collector = (): ((chunk: Buffer) => void) => {
    // Chunks can end mid-line; the rest of a line waits for its next chunk.
    let partial = '';
    return (chunk) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        output.push(line);
        const match = /Listening on (http:\/\/\S+)/.exec(line);
        if (match?.[1]) announce(match[1]);
      }
      if (output.length > OUTPUT_KEPT) output.splice(0, output.length - OUTPUT_KEPT);
    };
  };
  child.stdout?.on('data', collector());
  child.stderr?.on('data', collector());

  const outputTail = (lines = 40): string =>
    [
      ...output.slice(-lines),
      ...(exitDescription !== undefined && !stopped ? [`(the emulator has exited: ${exitDescription})`] : []),
    ].join('\n');

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (exitDescription === undefined) {
      signal(child, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const clean = await Promise.race([
        exited.then(() => true),
        new Promise<false>((done) => (timer = setTimeout(() => done(false), STOP_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      if (!clean) {
        signal(child, 'SIGKILL');
        await exited;
      }
    }
    process.off('exit', killOnExit);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the emulator printed no "Listening on" line within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const settle = (action: () => void): void => {
        clearTimeout(timer);
        action();
      };
      void announced.then((u) => settle(() => resolveUrl(u)));
      void exited.then(() =>
        settle(() => reject(new Error(`the emulator exited while starting (${exitDescription})`))),
      );
    });
    await waitForHealth(url, () => exitDescription, deadline);
    return { url, outputTail, stop };
  } catch (e) {
    await stop();
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`${reason}\n--- emulator output ---\n${outputTail()}`);
  }
}
