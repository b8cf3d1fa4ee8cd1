/**
 * A patch read from a web archive's text has no Message-Id, so its review
 * replies cannot name it: they answer it by subject. The shared seed and the
 * three replies to its raw mail are that case.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { rootOf } from '../../src/versions/versions.ts'
import { readThreadFile, reviewsOf, subjectKey } from '../../src/ingest/read/thread.ts'
import { corpus, shared } from '../helpers/paths.ts'

const read = async (file: string) => readThreadFile(new VFile({ path: file, value: await readFile(file, 'utf8') }))
const replies = [1, 2, 3].map((n) => path.join(shared, `corpus/patches/kmap-conversion-notes-v1-reply-${n}.eml`))

describe('review replies of a patch without a Message-Id', () => {
  it('answer the archive text of the patch by its subject', async () => {
    const [seed] = await read(corpus.seed)
    expect(seed.patch.messageId).toBeNull()
    const messages = [seed, ...(await Promise.all(replies.map(read))).flat()]
    const root = rootOf(seed.patch)
    const found = reviewsOf(messages, new Set([root]))
    expect(found).toHaveLength(3)
    expect(new Set(found.map((reply) => reply.answers))).toEqual(new Set([root]))
    expect(found.every((reply) => reply.blocks.some((block) => block.kind === 'text'))).toBe(true)
  })

  it('keys subjects without Re: and the bracketed prefix, and tells other subjects apart', () => {
    expect(subjectKey('Re: Re: [PATCH v2 1/3] mm/highmem: Add notes')).toBe(subjectKey('[PATCH] mm/highmem: Add notes'))
    expect(subjectKey('Re: [PATCH] mm/highmem: Something else')).not.toBe(subjectKey('[PATCH] mm/highmem: Add notes'))
  })

  it('a patch with a Message-Id is still answered by id only', async () => {
    const [mail] = await read(corpus.mail)
    expect(rootOf(mail.patch)).toBe(mail.patch.messageId)
  })
})
