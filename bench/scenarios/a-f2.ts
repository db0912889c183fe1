import { canonicalJson } from '../lib/canonical-json.js';
import type { Check, Row } from '../lib/report.js';
import { f2Request, type ScenarioContext, type ScenarioQuery, send } from './a-setup.js';

const EXECUTIONS = 200;

/** F2's answer must be the gateway's (same schema, same data); its in-process `execute` cost is the exec floor. */
export async function probeF2(
  ctx: ScenarioContext,
  q: ScenarioQuery,
  gatewayAnswer: string,
): Promise<{ rows: Row[]; checks: Check[] }> {
  const answer = await send(f2Request(ctx, q));
  const dataOf = (text: string) => canonicalJson((JSON.parse(text) as { data?: unknown }).data ?? null);
  const equal = answer.status === 200 && dataOf(answer.text) === dataOf(gatewayAnswer);
  const measured = await send(f2Request(ctx, q, `/__execute?n=${EXECUTIONS}`));
  const { microsPerExecute } = JSON.parse(measured.text) as { microsPerExecute: number };
  return {
    rows: [
      {
        scenario: q.name,
        variant: 'F2 execute() in-process',
        rps: 1_000_000 / microsPerExecute,
        cpuMicrosPerQuery: microsPerExecute,
        upstreamCallsPerQuery: 0,
        ratio: 'exec floor',
      },
    ],
    checks: [
      {
        name: `${q.name} F2 answer = gateway answer`,
        ok: equal,
        detail: `${answer.status}, ${answer.text.length} bytes`,
      },
    ],
  };
}
