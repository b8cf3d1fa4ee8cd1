declare module 'virtual:strata/config' {
  const config: import('./integration/index.ts').ResolvedStrataOptions
  export default config
}
