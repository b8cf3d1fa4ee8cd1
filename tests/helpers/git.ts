import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.org',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.org',
  GIT_AUTHOR_DATE: '2022-12-06T08:00:29+01:00',
  GIT_COMMITTER_DATE: '2022-12-06T08:00:29+01:00',
}

/** A throw-away git repository, so tests compute expectations with git itself. */
export function sandbox(): { dir: string; git: (...args: string[]) => string; write: (relative: string, text: string) => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'strata-git-'))
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  git('init', '-q')
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true })
    writeFileSync(path.join(dir, relative), text)
  }
  return { dir, git, write }
}

/** `git hash-object` of a text. */
export function hashObject(text: string): string {
  return execFileSync('git', ['hash-object', '--stdin'], { input: text, encoding: 'utf8' }).trim()
}

/**
 * Make a `git format-patch` mail that changes files from `before` to `after`.
 *
 * @returns
 *   The mail's text.
 */
export function formatPatch(before: Record<string, string>, after: Record<string, string>, subject: string): string {
  const { git, write } = sandbox()
  for (const [name, text] of Object.entries(before)) write(name, text)
  git('add', '-A')
  git('commit', '-qm', 'base')
  for (const [name, text] of Object.entries(after)) write(name, text)
  git('add', '-A')
  git('commit', '-qm', subject)
  return git('format-patch', '-1', '--stdout')
}
