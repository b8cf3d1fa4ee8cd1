/**
 * Write the public JSON Schemas (`npm run schema`): the API record, for users
 * of `strata records` and `deprecations.json` outside TypeScript. A test keeps
 * the committed files equal to what the zod schemas emit.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { apiRecordJsonSchema } from '../plugins/remark-api-records/index.ts'

export const schemaFiles = {
  'api-records.schema.json': () => apiRecordJsonSchema(),
}

export const schemaFolder = fileURLToPath(new URL('../content/schema/', import.meta.url))

export function serialise(schema: unknown): string {
  return JSON.stringify(schema, null, 2) + '\n'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, make] of Object.entries(schemaFiles)) {
    await writeFile(schemaFolder + name, serialise(make()))
    process.stderr.write(`wrote content/schema/${name}\n`)
  }
}
