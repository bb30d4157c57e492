import { DependencyUnavailableError } from '@gongzhi/errors';
import { principal } from '../party-service.fakes';
import { createHttpAgencyDirectory } from './agency-directory';

const AGENCY = 'a9e00000-0000-4000-8000-000000000006';
const lookup = { principal: principal('coordinator'), authorization: 'Bearer caller-token', requestId: 'req-1' };

function directoryAnswering(answer: () => Promise<Response>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const directory = createHttpAgencyDirectory({
    baseUrl: 'http://agency.test/',
    timeoutMs: 1_000,
    fetch: async (url, init) => {
      calls.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
      return answer();
    },
  });
  return { directory, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the agency directory (agency-service over HTTP)', () => {
  it('asks for the one agency with the caller’s own token and request id, and reads only what it needs', async () => {
    const { directory, calls } = directoryAnswering(async () =>
      json(200, { id: AGENCY, kind: 'court', name: '清水人民法庭', townCode: 'qingshui', version: 1 }),
    );
    expect(await directory.find(AGENCY, lookup)).toEqual({ id: AGENCY, townCode: 'qingshui', active: true });
    expect(calls).toEqual([
      {
        url: `http://agency.test/api/v1/agencies/${AGENCY}`,
        headers: expect.objectContaining({ authorization: 'Bearer caller-token', 'x-request-id': 'req-1' }),
      },
    ]);
  });

  it('honours an agency that says it no longer works', async () => {
    const { directory } = directoryAnswering(async () =>
      json(200, { id: AGENCY, townCode: 'qingshui', active: false }),
    );
    expect(await directory.find(AGENCY, lookup)).toMatchObject({ active: false });
  });

  it('answers "no such agency" for 404 and 400', async () => {
    for (const status of [404, 400]) {
      const { directory } = directoryAnswering(async () => json(status, { type: 'urn:gongzhi:problem:not-found' }));
      expect(await directory.find(AGENCY, lookup)).toBeUndefined();
    }
  });

  it('turns an unreachable, failing or out-of-contract agency-service into a 503 problem', async () => {
    const answers: (() => Promise<Response>)[] = [
      async () => {
        throw new TypeError('fetch failed');
      },
      async () => json(500, {}),
      async () => json(401, {}),
      async () => json(200, { name: 'no id or town' }),
      async () => json(200, { id: 'a9e00000-0000-4000-8000-000000000001', townCode: 'qingshui' }),
      async () => new Response('not json', { status: 200 }),
    ];
    for (const answer of answers) {
      const { directory } = directoryAnswering(answer);
      await expect(directory.find(AGENCY, lookup)).rejects.toBeInstanceOf(DependencyUnavailableError);
    }
  });
});
