/** `npm run config:docs`: writes docs/configuration.md and .env.example from the configuration schema. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderReference } from '../src/config-reference.js';

const { markdown, envExample } = renderReference();
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/configuration.md', import.meta.url), markdown);
writeFileSync(new URL('../.env.example', import.meta.url), envExample);
console.log('wrote docs/configuration.md and .env.example');
