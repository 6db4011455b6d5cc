// Worker-thread entry: the sources are TypeScript run through tsx's loader, which a new thread
// does not inherit, so it registers the loader itself before loading the entities' preparations.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
