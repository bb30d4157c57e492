/**
 * One infra command per profile at a time. Without it, `npm test` and a developer's `infra up` racing on the same
 * profile could both start PostgreSQL; the loser's pid file would then hide the winner from `down`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StackProfile } from './profile';
import { InfraError, type Logger } from './log';
import { sleep } from './net';
import { isAlive } from './process';

function holder(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isOlderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** Runs `fn` holding `<runDir>/infra.lock`; waits for a live holder, takes over from a dead one. */
export async function withProfileLock<T>(
  profile: StackProfile,
  log: Logger,
  fn: () => Promise<T>,
  timeoutMs = 10 * 60_000,
): Promise<T> {
  fs.mkdirSync(profile.runDir, { recursive: true });
  const file = path.join(profile.runDir, 'infra.lock');
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = holder(file);
    if (pid === undefined && !isOlderThan(file, 2000)) {
      await sleep(50); // just created by another command that has not written its pid yet
      continue;
    }
    if (pid === undefined || pid === process.pid || !isAlive(pid)) {
      // Left by a crashed or killed command: safe to take over.
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!announced) {
      log.info(
        'infra',
        `another infra command (pid ${pid}) is working on the ${profile.name} profile; waiting for it…`,
      );
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new InfraError(`gave up waiting for infra command pid ${pid} (lock ${file}); stop it or delete the lock.`);
    }
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    if (holder(file) === process.pid) fs.rmSync(file, { force: true });
  }
}
