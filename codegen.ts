import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the example client, generated from the committed SDL (`schema.graphql`) and the operations the example
 * declares. The output is committed; `npm run examples:build` regenerates it and fails when it drifts.
 */
const config: CodegenConfig = {
  schema: './schema.graphql',
  documents: ['examples/catalogue-client/src/**/*.ts', '!examples/catalogue-client/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'examples/catalogue-client/src/gql/': {
      preset: 'client',
      // persisted-documents.json is the allow-list the gateway runs with PERSISTED_OPERATIONS.
      presetConfig: { gqlTagName: 'graphql', fragmentMasking: false, persistedDocuments: true },
      config: {
        // Exact values travel as strings; a JS number would round money.
        scalars: {
          Decimal: 'string',
          DateTime: 'string',
          CountryCode: 'string',
          CurrencyCode: 'string',
          PhoneNumber: 'string',
        },
        strictScalars: true,
        // Client preset 6 spells `enumsAsTypes: true` this way: enums become unions of string literals.
        enumType: 'string-literal',
        useTypeImports: true,
        // NodeNext resolution needs explicit `.js` suffixes between the generated files.
        importExtension: '.js',
      },
    },
  },
};

export default config;
