// React DOM and the JSX runtime, which start-up evaluates in a task of their own (src/boot.ts, step
// 3). Imported through this module, they reach the boot script as a plain module: the boot script
// then needs none of the bundler's helpers for CommonJS, which would be a chunk and a round trip of
// their own (docs/decisions/029).
export { createRoot, hydrateRoot } from 'react-dom/client'
export { jsx, jsxs, Fragment } from 'react/jsx-runtime'
