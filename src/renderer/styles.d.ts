// The stylesheet is imported for its side effect; Vite bundles it. TypeScript 6 checks that
// side-effect imports resolve, so it is declared here rather than pulling in all of vite/client.
declare module '*.css';
