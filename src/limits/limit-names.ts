/** Each limit that can refuse a request, as counted in `dtone_gateway_limit_rejections_total{limit}`. */
export type LimitName =
  | 'depth'
  | 'cost'
  | 'rate_queries'
  | 'rate_money'
  | 'money_mutations'
  | 'ws_subscriptions'
  | 'ws_sockets'
  | 'ws_slow_reader';

/** Told of each refusal by a limit. */
export type OnLimited = (limit: LimitName) => void;
