/**
 * The memory of the dispute worker and the Temporal server after each round's load (issue 14 asks for both beside
 * the growth figures): resident set sizes, no target.
 */
import { type Scenario } from '../scenario';
import { residentMiB } from '../system';
import { formatNumber, row } from '../stats';

export const memory: Scenario = {
  name: 'memory',
  async run(ctx) {
    const { stack } = ctx;
    const worker = residentMiB(stack.apps.get('dispute-worker')?.child.pid);
    const temporal = residentMiB(stack.temporalPid());
    const caseService = residentMiB(stack.apps.get('case-service')?.child.pid);
    ctx.log.info(
      'memory',
      `round ${ctx.round}: worker ${worker} MiB, Temporal ${temporal} MiB, case-service ${caseService} MiB`,
    );
    return { worker, temporal, caseService };
  },
  rows(m) {
    return [
      row({
        path: 'memory after the round (resident)',
        gongzhi:
          `worker ${formatNumber(m['worker'] ?? Number.NaN)} MiB, case-service ` +
          `${formatNumber(m['caseService'] ?? Number.NaN)} MiB`,
        baseline: `Temporal ${formatNumber(m['temporal'] ?? Number.NaN)} MiB`,
        value: Number.NaN,
        valueLabel: '—',
      }),
    ];
  },
};
