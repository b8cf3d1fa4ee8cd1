/** Small network helpers of the benchmarks and the tests that drive a served site. */
import { createServer } from 'node:net'

/**
 * A free TCP port on 127.0.0.1.
 *
 * @returns
 *   Port.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * Poll a page until its body contains a text (a served site, a dev server
 * catching up with an edit), every 50 ms.
 *
 * @returns
 *   Resolves when it does; rejects after `timeout` ms.
 */
export async function waitForText(url: string, text: string, timeout: number): Promise<void> {
  const until = performance.now() + timeout
  while (performance.now() < until) {
    const html = await fetch(url).then((response) => (response.ok ? response.text() : ''), () => '')
    if (html.includes(text)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${url} did not show "${text}" within ${timeout / 1000} s`)
}
