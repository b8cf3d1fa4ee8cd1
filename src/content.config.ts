import { defineCollection, z } from 'astro:content'
import { strataLoader } from './site/loader/index.ts'
import type { ChangesEntry, RecordEntry, VersionData } from './site/loader/types.ts'

// Each schema gives the collection its type; none re-checks the data. The
// loader builds every entry from typed code (no file a user wrote is read
// here), so checking the entries again would test the loader against itself.
export const collections = {
  versions: defineCollection({ loader: strataLoader('versions'), schema: z.custom<VersionData>() }),
  records: defineCollection({ loader: strataLoader('records'), schema: z.custom<RecordEntry>() }),
  changes: defineCollection({ loader: strataLoader('changes'), schema: z.custom<ChangesEntry>() }),
}
