// The pool's worker when callink runs from its TypeScript sources (npm start, tests): loads
// worker.ts through tsx, since a worker thread does not take the parent's --import tsx on
// every Node version. The built server loads worker.js directly.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./worker.ts', import.meta.url);
export default worker.default;
