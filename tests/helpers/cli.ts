import { PassThrough } from 'node:stream'
import { main } from '../../scripts/cli/main.ts'

/** Run the real CLI in-process and capture what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] }
  stdout.on('data', (chunk: Buffer) => chunks.stdout.push(chunk))
  stderr.on('data', (chunk: Buffer) => chunks.stderr.push(chunk))
  const code = await main(argv, { stdout, stderr })
  return { code, stdout: Buffer.concat(chunks.stdout).toString('utf8'), stderr: Buffer.concat(chunks.stderr).toString('utf8') }
}
