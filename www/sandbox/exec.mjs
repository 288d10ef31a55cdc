// `--exec`: the emulator's local instances, whose SHELL scripts really run on this machine, as
// the emulator's user. Everything else in the sandbox stays simulated (fleet.mjs).
//
// Each local instance has a folder of its own under one temporary folder; the command's
// WorkingDirectory is read inside it (its "/"), so the default /root is <folder>/root, which
// is also HOME. A task's script runs with bash in a process group of its own: on Timeout the
// whole group is killed (TIMEOUT), on CancelInvocation likewise (TERMINATED). Its output
// (stdout and stderr, in the order written) is kept as the service keeps it: the first
// OUTPUT_MAX_BYTES, the rest counted in Dropped.
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm, realpath, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve, sep, posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import { OUTPUT_MAX_BYTES } from './fleet.mjs';

/** The local instances: online Linux CVMs whose scripts run here. */
export const LOCAL_INSTANCES = Object.freeze(['ins-local001', 'ins-local002'].map((InstanceId, n) => Object.freeze({
  InstanceId, name: `local-${n + 1}`, kind: 'CVM', os: 'linux', state: 'RUNNING', agent: 'Online', behaviour: 'exec',
})));

/**
 * Scripts that may run at once on one local instance: past it a task fails at once (its
 * ErrorInfo says why) rather than start one more process. Every task also ends by its Timeout.
 */
export const RUNNING_MAX = 16;
/** After the script's own process exits, how long its output pipes may stay open (a child in the background holding them). */
const DRAIN_MS = 2000;

/** A SecretKey for an --exec account: 40 random characters, new at each start. */
export const newSecretKey = () => randomBytes(30).toString('base64url');

/** Whether `host` is a loopback address (an --exec emulator listens only there). */
export const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * Creates the local instances' folders and returns the executor: { instances (Map id ->
 * instance), dir, start(task), cancel(task), running(), close() }. `now` is the sandbox's
 * clock (epoch ms), read when a task starts and ends.
 */
export async function createExecutor({ now = Date.now } = {}) {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'tat-sandbox-')));
  const instances = new Map();
  for (const inst of LOCAL_INSTANCES) {
    await mkdir(join(dir, inst.InstanceId, 'root'), { recursive: true });
    instances.set(inst.InstanceId, inst);
  }
  await mkdir(join(dir, '.scripts'), { mode: 0o700 });
  const live = new Map(); // task -> child process
  const lingering = new Set(); // process groups whose script exited while a child held its output open
  const user = userInfo().username; // who the scripts run as (Username is reported, not used)
  const countOn = (id) => [...live.keys()].filter((t) => t.instance.InstanceId === id).length;

  /** The instance's folder for a WorkingDirectory, or null when it is not a folder inside it. */
  async function workdir(instanceId, workingDirectory) {
    const root = join(dir, instanceId);
    // posix.normalize('/' + path) cannot climb above its "/".
    const wanted = resolve(root, `.${posix.normalize(`/${String(workingDirectory).replaceAll('\\', '/')}`)}`);
    try {
      const real = await realpath(wanted);
      if ((real !== root && !real.startsWith(root + sep)) || !(await stat(real)).isDirectory()) return null;
      return real;
    } catch {
      return null;
    }
  }

  function end(task, fields) {
    const run = task.exec;
    if (run.endMs !== null) return;
    Object.assign(run, fields, { endMs: now() });
    clearTimeout(run.timer);
    live.delete(task);
  }

  /** Starts the task's script; what happens is recorded in task.exec (read by fleet.mjs). */
  function start(task) {
    const inv = task.invocation;
    const id = task.instance.InstanceId;
    const run = { startMs: now(), endMs: null, status: 'RUNNING', exitCode: 0, chunks: [], kept: 0, dropped: 0, errorInfo: '', timer: null, killedFor: null };
    task.exec = run;
    if (countOn(id) >= RUNNING_MAX) {
      end(task, { status: 'FAILED', exitCode: -1, errorInfo: `The emulator runs at most ${RUNNING_MAX} scripts at once on ${id}.` });
      return;
    }
    live.set(task, null);
    launch(task, run, id, inv).catch((e) => end(task, { status: 'FAILED', exitCode: -1, errorInfo: `The emulator could not start the script: ${e.message}` }));
  }

  async function launch(task, run, id, inv) {
    const cwd = await workdir(id, inv.WorkingDirectory);
    if (cwd === null) {
      end(task, { status: 'FAILED', exitCode: -1, errorInfo: `The working directory ${inv.WorkingDirectory} does not exist on ${id}.` });
      return;
    }
    if (run.killedFor) {
      end(task, { status: 'CANCELLED', exitCode: 0 });
      return;
    }
    const file = join(dir, '.scripts', `${task.InvocationTaskId}.sh`);
    await writeFile(file, Buffer.from(inv.content, 'base64'), { mode: 0o600 });
    const home = join(dir, id, 'root');
    // stderr onto stdout's pipe (2>&1): one stream, in the order the script wrote it.
    const child = spawn('/bin/sh', ['-c', 'exec bash "$1" 2>&1', 'sh', file], {
      cwd,
      detached: true, // a process group of its own, killed whole
      stdio: ['ignore', 'pipe', 'ignore'],
      // Nothing else of the emulator's environment (a credential, say) reaches a script.
      env: { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', SHELL: '/bin/bash', USER: user, LOGNAME: user },
    });
    live.set(task, child);
    const keep = (chunk) => {
      const room = OUTPUT_MAX_BYTES - run.kept;
      if (room > 0) {
        run.chunks.push(chunk.subarray(0, room));
        run.kept += Math.min(room, chunk.length);
      }
      run.dropped += Math.max(0, chunk.length - Math.max(room, 0));
    };
    child.stdout.on('data', keep);
    run.timer = setTimeout(() => kill(task, 'timeout'), inv.Timeout * 1000);
    let exit = null;
    const finish = () => {
      rm(file, { force: true }).catch(() => {});
      const { code, signal } = exit;
      if (run.killedFor === 'timeout') end(task, { status: 'TIMEOUT', exitCode: -1, errorInfo: `The command did not finish within ${inv.Timeout} seconds.` });
      else if (run.killedFor === 'cancel') end(task, { status: 'TERMINATED', exitCode: -1 });
      else if (code === 0) end(task, { status: 'SUCCESS', exitCode: 0 });
      else end(task, { status: 'FAILED', exitCode: code ?? -1, errorInfo: signal ? `The script was killed by ${signal}.` : '' });
    };
    child.on('error', (e) => {
      exit = { code: null, signal: null };
      end(task, { status: 'FAILED', exitCode: -1, errorInfo: `The emulator could not start bash: ${e.message}` });
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // A background child may hold the pipes: the task ends anyway, a little later.
      setTimeout(() => {
        if (run.endMs !== null) return;
        child.stdout.destroy();
        lingering.add(child.pid); // killed when the emulator stops
        finish();
      }, DRAIN_MS).unref();
    });
    child.on('close', () => {
      if (exit) finish();
    });
  }

  /** Kills the task's process group (its script and everything it started). */
  function kill(task, why) {
    const run = task.exec;
    if (!run || run.endMs !== null) return;
    run.killedFor ??= why;
    const child = live.get(task);
    if (!child?.pid) return; // not spawned yet: launch sees killedFor
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }

  return {
    dir,
    instances,
    start,
    cancel: (task) => kill(task, 'cancel'),
    running: () => live.size,
    /** Kills every script still running (and what they left in the background) and removes the instances' folders. */
    async close() {
      for (const task of [...live.keys()]) kill(task, 'cancel');
      for (const pid of lingering) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // the group is gone
        }
      }
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
