import { defineCollection } from 'astro:content'
import { strataLoader } from './site/loader/index.ts'

export const collections = {
  versions: defineCollection({ loader: strataLoader('versions') }),
  records: defineCollection({ loader: strataLoader('records') }),
  changes: defineCollection({ loader: strataLoader('changes') }),
}
