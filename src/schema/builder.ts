import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.js';
import type { Decimal } from '../money/decimal.js';

export interface SchemaTypes {
  Context: GatewayContext;
  DefaultFieldNullability: false;
  Scalars: {
    Decimal: { Input: Decimal; Output: Decimal | string };
    DateTime: { Input: string; Output: string };
    CountryCode: { Input: string; Output: string };
    CurrencyCode: { Input: string; Output: string };
    PhoneNumber: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ErrorsPlugin, RelayPlugin, DataloaderPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
  },
  errors: { defaultTypes: [] },
  defaultFieldNullability: false,
});

builder.queryType({ description: "DT One's catalogue, look-ups and account, as one graph." });
