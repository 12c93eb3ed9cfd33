// Fluent catalogs are imported as text: wrangler's Text rule in the build, a Vite plugin in tests.
declare module "*.ftl" {
  const source: string;
  export default source;
}
