/** Rule ids of the applier's messages: stable, so that tools can filter on them. */
export const applyRules = {
  hunkMismatch: 'hunk-does-not-apply',
  hunkAmbiguous: 'hunk-ambiguous',
  noFileForBase: 'no-file-for-base',
  baseNotPreimage: 'base-not-preimage',
  blobMismatch: 'result-not-blob',
  missingFile: 'missing-file',
} as const

export const applySource = 'strata:apply'
