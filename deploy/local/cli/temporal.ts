/**
 * `npm run temporal -- <temporal CLI arguments>`: the Temporal CLI the stack built (not on the PATH), pointed at the
 * running stack's server and namespace — `npm run temporal -- workflow list --query "GongzhiTown='qingshui'"`.
 * An --address or --namespace of your own wins over the stack's.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runTool, stackTarget, UsageError } from './stack-target';

const USAGE = `usage: npm run temporal -- <arguments of the temporal CLI>

  e.g. npm run temporal -- workflow list --query "GongzhiTown='qingshui'"
       npm run temporal -- workflow show --workflow-id dispute-case-<case id>
  The stack: GONGZHI_PROFILE (dev, test, bench; default dev) or TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE.`;

runTool(USAGE, async () => {
  const args = process.argv.slice(2);
  if (args.length === 0) throw new UsageError('Give the temporal CLI something to do.');
  const target = stackTarget();
  if (!existsSync(target.temporalCli)) {
    throw new Error(`The Temporal CLI is not built yet (${target.temporalCli}): npm start (or npm test) builds it.`);
  }
  // The CLI reads its connection from these variables; flags on the command line still win.
  const child = spawn(target.temporalCli, args, {
    stdio: 'inherit',
    env: { ...process.env, TEMPORAL_ADDRESS: target.temporalAddress, TEMPORAL_NAMESPACE: target.temporalNamespace },
  });
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  process.exitCode = code;
});
