// Side-effect CSS imports (bundled into dist/renderer/assets/*.css by Vite).
declare module '*.css';
