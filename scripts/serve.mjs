#!/usr/bin/env node
// A small static file server for a built site (tests and quick viewing):
// `node scripts/serve.mjs DIR [PORT]`. Loopback only; serves files below DIR,
// `index.html` for folders and `404.html` when nothing matches.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'

const root = path.resolve(process.argv[2] ?? 'dist')
const port = Number(process.argv[3] ?? 4321)
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
}

async function resolve(urlPath) {
  const decoded = decodeURIComponent(urlPath.split('?')[0])
  const target = path.join(root, decoded)
  if (target !== root && !target.startsWith(root + path.sep)) return undefined
  const info = await stat(target).catch(() => undefined)
  if (info?.isFile()) return target
  if (info?.isDirectory()) {
    const index = path.join(target, 'index.html')
    if ((await stat(index).catch(() => undefined))?.isFile()) return index
  }
  return undefined
}

http
  .createServer(async (request, response) => {
    let file
    try {
      file = await resolve(request.url ?? '/')
    } catch {
      file = undefined
    }
    const status = file ? 200 : 404
    file ??= path.join(root, '404.html')
    const info = await stat(file).catch(() => undefined)
    if (!info) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
      return
    }
    response.writeHead(status, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size })
    createReadStream(file).pipe(response)
  })
  .listen(port, '127.0.0.1', () => process.stderr.write(`Serving ${root} at http://127.0.0.1:${port}/\n`))
