/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the article API, fixed at build time. Default: `/api/` (the built-in content). */
  readonly VITE_API_BASE?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
