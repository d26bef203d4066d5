export { buildConsole, consoleDistDirectory, consoleSourceHash, ensureConsoleBuilt } from './build.js';
