import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Run `work` holding the project's build lock. Astro writes shared files into
 * the project's `.astro/` folder during a build, so two builds of one checkout
 * at once (a test and a benchmark, two test workers) would break each other;
 * they take turns instead. A lock left by a process that died is taken over.
 *
 * @param root
 *   The project root.
 * @param work
 *   What to do while holding the lock.
 * @param options
 *   How long to wait before giving up (default 20 minutes).
 */
export async function withBuildLock<T>(root: string, work: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const lock = path.join(root, '.strata-build.lock')
  const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000)
  for (;;) {
    try {
      await mkdir(lock)
      await writeFile(path.join(lock, 'pid'), String(process.pid))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''))
      if (holder && !alive(holder)) await rm(lock, { recursive: true, force: true })
      else if (Date.now() > deadline) throw new Error(`another build has held ${lock} for too long (pid ${holder || 'unknown'})`)
      else await sleep(250)
    }
  }
  try {
    return await work()
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
