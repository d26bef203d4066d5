// Worker entry in plain JavaScript: TypeScript sources (development, tests) get the tsx loader first,
// since a worker thread does not inherit the parent's module hooks.
import { workerData } from 'node:worker_threads';

const { module } = workerData;
if (module.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(module);
