import type { Io } from './command.ts'

/**
 * Progress on stderr for long work (`[3/1000] mm/highmem@v6.1`), rewritten in
 * place on a terminal. Silent with `--quiet`, in CI, and when stderr is not a
 * terminal and the work is short.
 */
export function progress(io: Io, options: { quiet?: boolean }) {
  const silent = options.quiet || Boolean(process.env.CI)
  const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY)
  let shown = false
  const report = (done: number, total: number, label: string) => {
    if (silent || (!tty && total < 20)) return
    if (!tty && done % Math.ceil(total / 20) !== 0 && done !== total) return
    io.stderr.write(`${tty ? '\r\x1b[2K' : ''}[${done}/${total}] ${label}${tty ? '' : '\n'}`)
    shown = true
  }
  report.done = () => {
    if (shown && tty) io.stderr.write('\n')
  }
  return report
}
