// Bundles the sandboxed preload into one CommonJS file, dist/electron/preload.cjs: a sandboxed
// preload cannot load other files and may require only 'electron'.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: {
      entry: 'electron/preload.ts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    outDir: 'dist/electron',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'es2023',
    rollupOptions: { external: ['electron'] },
  },
});
