/**
 * Which running stack the command-line tools (`npm run token | temporal | topic | admin`) talk to: the dev profile's
 * (`npm start`) unless GONGZHI_PROFILE names another, each address overridable on its own (a stack on other ports, or
 * on another machine).
 */
import { kafkaBrokers } from '../components/kafka';
import { TEMPORAL_NAMESPACE, temporalAddress, temporalCliPath } from '../components/temporal';
import { loadProfile, type ProfileName } from '../lib/profile';

export interface StackTarget {
  profile: ProfileName;
  caseServiceUrl: string;
  agencyServiceUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  kafkaBrokers: string[];
  /** The Temporal CLI the stack built (`go install`, cached outside the clone): not on the PATH. */
  temporalCli: string;
}

const PROFILES: readonly ProfileName[] = ['dev', 'test', 'bench'];

/** A usage mistake: the tools print it with their usage and exit 2. */
export class UsageError extends Error {}

function profileOf(env: NodeJS.ProcessEnv): ProfileName {
  const name = env.GONGZHI_PROFILE || 'dev';
  const profile = PROFILES.find((candidate) => candidate === name);
  if (!profile) throw new UsageError(`GONGZHI_PROFILE=${name}: use one of ${PROFILES.join(', ')}.`);
  return profile;
}

const withoutSlash = (url: string) => url.replace(/\/$/, '');

export function stackTarget(env: NodeJS.ProcessEnv = process.env): StackTarget {
  const profile = loadProfile(profileOf(env), env);
  const local = (port: number) => `http://127.0.0.1:${port}`;
  return {
    profile: profile.name,
    caseServiceUrl: withoutSlash(env.CASE_SERVICE_URL || local(profile.ports.caseService)),
    agencyServiceUrl: withoutSlash(env.AGENCY_SERVICE_URL || local(profile.ports.agencyService)),
    temporalAddress: env.TEMPORAL_ADDRESS || temporalAddress(profile),
    temporalNamespace: env.TEMPORAL_NAMESPACE || TEMPORAL_NAMESPACE,
    kafkaBrokers: (env.KAFKA_BROKERS || kafkaBrokers(profile).join(','))
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ''),
    temporalCli: temporalCliPath(profile.cacheDir),
  };
}

/**
 * Runs a tool's main: a usage mistake prints the message and the usage on stderr and exits 2; any other failure its
 * message (never a stack trace) and exits 1.
 */
export function runTool(usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
