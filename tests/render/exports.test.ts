/** The public surface of each rendering package, pinned so it changes only on purpose. */
import { expect, it } from 'vitest'

it.each([
  ['remark-api-links', ['apiClassName', 'apiLink', 'apiSpans', 'apiTitle', 'displayName', 'mdastLinkApis', 'pointMapper', 'remarkApiLinks', 'resolveApiLinkOptions']],
  ['remark-deprecation-banners', ['deprecationBanner', 'findBlock', 'findNote', 'noteId', 'patchUrl', 'remarkDeprecationBanners']],
  ['remark-legacy-details', ['isLegacyMarker', 'mdastFoldLegacy', 'remarkLegacyDetails']],
  ['rehype-toc', ['hasClass', 'hastBuildToc', 'headingRank', 'isContentsPlaceholder', 'landmarks', 'pageHeadings', 'rehypeToc', 'textOf']],
  ['rehype-strata-sanitize', ['docutilsClasses', 'idPattern', 'strataClasses', 'strataSchema']],
])('plugins/%s exports exactly its API', async (name, expected) => {
  const module = await import(`../../plugins/${name}/index.ts`)
  expect(Object.keys(module).sort()).toEqual(expected)
})

it('src/render/render.ts exports renderVersion and renderFragment', async () => {
  expect(Object.keys(await import('../../src/render/render.ts')).sort()).toEqual(['renderFragment', 'renderVersion'])
})
