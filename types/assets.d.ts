// Fluent catalogs are imported as text (`with { type: "text" }`): esbuild inlines them into the
// Worker's bundle, a Vite plugin does the same in tests and scripts/lib/register-ftl.ts in Node.
declare module "*.ftl" {
  const source: string;
  export default source;
}
