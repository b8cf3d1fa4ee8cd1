/**
 * Turn a `git format-patch` mail into what a web mail archive shows of it:
 * the subject on the first line, `From:` and `Date:`, then the body with every
 * line's leading whitespace dropped, runs of blanks folded to one space, and
 * e-mail domains masked with as many `x`s as they have characters.
 */
export function toArchiveText(mail: string): string {
  const [head, ...rest] = mail.split('\n\n')
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(head)?.[1] ?? ''
  const mask = (text: string) => text.replace(/@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g, (_, domain: string) => '@' + 'x'.repeat(domain.length))
  const author = header('From').replace(/\s*<.*>$/, '')
  const body = rest
    .join('\n\n')
    .split('\n')
    .map((line) => mask(line.replace(/^[ \t]+/, '').replace(/[ \t]+/g, ' ')))
    .join('\n')
  return `${header('Subject')}\n\nFrom: ${author}\nDate: Tue Dec 06 2022 - 02:00:29 EST\n\n\n${body}`
}
