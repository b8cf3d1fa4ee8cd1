import { timeInChromium, percentile } from './search.ts'
const t = await timeInChromium(process.argv[2], 3)
const per = t.passes.map((p: number[]) => [percentile(p, 0.5), percentile(p, 0.95)])
console.log('load', t.loadMs.toFixed(0), 'ms', JSON.stringify(per.map((x: number[]) => x.map((v) => v.toFixed(2)))))
console.log('slowest', t.passes[0].map((v: number, i: number) => [v, i]).sort((a: number[], b: number[]) => b[0] - a[0]).slice(0, 6).map(([v, i]: number[]) => `${v.toFixed(1)}`).join(' '))
