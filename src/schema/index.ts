import './scalars.js';
import './money.js';
import './service.js';
import './country.js';
import './operator.js';
import './product.js';
import './promotion.js';
import './campaign.js';
import './lookup.js';
import './balance.js';
import './benefit-type.js';
import './quote.js';
import './transaction.js';
import './transaction-mutations.js';
import './bill-payment.js';
import './subscription.js';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: true });
