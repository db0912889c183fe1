/**
 * Generates the DVS wire types from the vendored OpenAPI spec (`npm run codegen`).
 * JSON numbers that are not integers (`type: number`: amounts, fees, rates) become `WireNumber`: the
 * lossless parser hands them over as their exact source text, never as a JS `number`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

const specPath = new URL('../spec/dvs-api-spec.json', import.meta.url);
const outPath = new URL('../src/datasources/dtone/generated/dvs.ts', import.meta.url);

const spec = JSON.parse(await readFile(specPath, 'utf8'));
const ast = await openapiTS(spec, {
  transform(schemaObject) {
    if (schemaObject.type === 'number') {
      const wire = ts.factory.createTypeReferenceNode('WireNumber');
      return schemaObject.nullable
        ? ts.factory.createUnionTypeNode([wire, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
        : wire;
    }
    return undefined;
  },
});

const header = [
  '/**',
  ' * Generated from spec/dvs-api-spec.json (DVS v1.23.0) by scripts/codegen.ts. Do not edit by hand:',
  ' * run `npm run codegen`.',
  ' */',
  "import type { WireNumber } from '../../../money/json.js';",
  '',
].join('\n');
await writeFile(outPath, header + astToString(ast));
console.log(`wrote ${outPath.pathname}`);
