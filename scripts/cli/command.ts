import type { ParseArgsConfig } from 'node:util'

/** Where a command writes: data to `stdout`, narration and diagnostics to `stderr`. */
export interface Io {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

/** What `parseArgs` hands a command: flag values by name, and the positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>
  positionals: string[]
}

/**
 * One verb of the CLI. The dispatcher only parses arguments; the verb's module
 * does the work and returns the exit code (0 done, 1 the input was bad, 2 usage).
 */
export interface Command {
  name: string
  /** One line for `strata --help`. */
  summary: string
  /** The usage text for `strata NAME --help`, flags included. */
  usage: string
  options: OptionSpec
  run(args: ParsedArgs, io: Io): Promise<number>
}

/** Thrown by a command for a usage mistake; the dispatcher prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** Flags several verbs share, declared once (b4's `cmd_*_common_opts`). */
export const commonOptions = {
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionSpec

/** A string flag's value, or `undefined`. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name]
  return typeof value === 'string' ? value : undefined
}

/** A boolean flag's value. */
export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true
}
