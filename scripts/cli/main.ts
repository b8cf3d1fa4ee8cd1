import { parseArgs } from 'node:util'
import { commonOptions, UsageError, type Command, type Io } from './command.ts'

/**
 * The verbs, in the order of the workflow. Each is loaded lazily so that
 * `strata apply` does not pay for the parser or the site.
 */
const commands: Record<string, () => Promise<Command>> = {
  read: async () => (await import('./read.ts')).readCommand,
  apply: async () => (await import('./apply.ts')).applyCommand,
  add: async () => (await import('./add.ts')).addCommand,
  tree: async () => (await import('./tree.ts')).treeCommand,
  records: async () => (await import('./records.ts')).recordsCommand,
  changes: async () => (await import('./changes.ts')).changesCommand,
  build: async () => (await import('./build.ts')).buildCommand,
  dev: async () => (await import('./dev.ts')).devCommand,
}

async function loadCommand(name: string): Promise<Command | undefined> {
  return Object.hasOwn(commands, name) ? commands[name]() : undefined
}

async function overview(): Promise<string> {
  const lines = ['usage: strata <command> [options]', '', 'commands:']
  for (const name of Object.keys(commands)) {
    const command = await loadCommand(name)
    if (command) lines.push(`  ${name.padEnd(10)}${command.summary}`)
  }
  lines.push('', 'Run `strata <command> --help` for its options.')
  return lines.join('\n') + '\n'
}

/**
 * Run the CLI.
 *
 * @param argv
 *   Arguments after the program name.
 * @param io
 *   Streams to write to (the process's by default; tests pass their own).
 * @returns
 *   The exit code.
 */
export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await overview())
    return name ? 0 : 2
  }
  const command = await loadCommand(name)
  if (!command) {
    io.stderr.write(`strata: unknown command \`${name}\`\n\n${await overview()}`)
    return 2
  }
  try {
    const args = parseArgs({
      args: rest,
      options: { ...commonOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    })
    if (args.values.help) {
      io.stdout.write(command.usage.endsWith('\n') ? command.usage : command.usage + '\n')
      return 0
    }
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`strata ${name}: ${(error as Error).message}\n\n${command.usage}\n`)
      return 2
    }
    throw error
  }
}
