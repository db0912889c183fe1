/** `npm run errors:docs`: writes docs/errors.md from the error registry. */
import { writeFileSync } from 'node:fs';
import { renderErrorTable } from '../src/error-docs.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorTable());
console.log('wrote docs/errors.md');
