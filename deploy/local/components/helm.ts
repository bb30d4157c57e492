/**
 * Helm, pinned, for the chart's render test (deploy/helm/chart.int-spec.ts): built with `go install` from the Go
 * module proxy once per machine, like the Temporal CLI. Nothing is installed into a cluster; helm only renders.
 */
import path from 'node:path';
import type { Logger } from '../lib/log';
import { goInstallTool, toolsDir } from '../lib/tools';

export const HELM_VERSION = '4.3.2';

export function helmPath(cacheDir: string): string {
  return path.join(toolsDir(cacheDir), `helm-${HELM_VERSION}`, 'helm');
}

/** The helm executable, built when missing (about 3.5 minutes on two cores the first time). */
export function provisionHelm(cacheDir: string, log: Logger): Promise<string> {
  return goInstallTool(cacheDir, log, {
    component: 'helm',
    what: `helm ${HELM_VERSION}`,
    module: `helm.sh/helm/v4/cmd/helm@v${HELM_VERSION}`,
    binary: 'helm',
    target: helmPath(cacheDir),
    logName: 'go-install-helm',
  });
}
