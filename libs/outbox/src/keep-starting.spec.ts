import { keepStarting } from './keep-starting';

const quiet = { warn: () => undefined };
const fast = { initialMs: 1, maxMs: 2 };

describe('starting a consumer without holding its service up', () => {
  it('tries again until the consumer starts (Kafka back after an outage), saying why it waits', async () => {
    let attempts = 0;
    const warnings: string[] = [];
    const starting = keepStarting(
      'case events consumer',
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19092');
      },
      { warn: (_fields: unknown, message: string) => warnings.push(message) } as never,
      fast,
    );
    await starting.done;
    expect(attempts).toBe(3);
    expect(warnings).toEqual(['case events consumer not started; trying again', expect.any(String)]);
  });

  it('stops trying when the service shuts down', async () => {
    let attempts = 0;
    const starting = keepStarting(
      'case events consumer',
      async () => {
        attempts += 1;
        throw new Error('Kafka is down');
      },
      quiet,
      { initialMs: 60_000, maxMs: 60_000 },
    );
    await starting.stop();
    expect(attempts).toBe(1);
  });
});
