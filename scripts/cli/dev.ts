import { stringOption, UsageError, type Command } from './command.ts'
import { astroEnvironment, runAstro } from './astro.ts'
import { contentOptions, contentUsage } from './content-options.ts'

const usage = `usage: strata dev [options]

Serve the site from the content manifest and rebuild it when the manifest,
a base document or a patch changes: edit a patch, reload the page. A change
that breaks the content is reported on stderr and the last good site stays.

options:
  --port N           the port (default: 4321)
${contentUsage}`

export const devCommand: Command = {
  name: 'dev',
  summary: 'serve the site and rebuild it when an input changes',
  usage,
  options: { ...contentOptions, port: { type: 'string' } },
  run(args, io) {
    const port = stringOption(args, 'port')
    if (port !== undefined && !/^\d{1,5}$/.test(port)) throw new UsageError(`--port must be a port number, got \`${port}\``)
    return runAstro(['dev', ...(port === undefined ? [] : ['--port', port])], astroEnvironment(args), io)
  },
}
