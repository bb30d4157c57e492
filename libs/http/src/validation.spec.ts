import { z } from 'zod';
import { zodIssuesToFieldIssues } from './validation';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return parsed.error.issues;
};

describe('field issues carry a code a client can word in its own language', () => {
  const schema = z
    .object({
      summary: z.string().min(5),
      name: z.string().max(3),
      amount: z.number().min(0).max(10),
      parties: z.array(z.string()).min(1).max(2),
      kind: z.enum(['person', 'organisation']),
      id: z.string().uuid(),
      required: z.string(),
      typed: z.number(),
      custom: z.string().refine(() => false, 'list each party once'),
    })
    .strict();

  it('names the kind and the bound of each complaint', () => {
    const issues = zodIssuesToFieldIssues(
      issuesOf(schema, {
        summary: 'abc',
        name: 'abcd',
        amount: 11,
        parties: [],
        kind: 'robot',
        id: 'no',
        typed: 'seven',
        custom: 'x',
        extra: true,
      }),
    );
    const byPath = Object.fromEntries(issues.map(({ path, ...rest }) => [path, rest]));
    expect(byPath['summary']).toMatchObject({ code: 'too-short', limit: 5 });
    expect(byPath['name']).toMatchObject({ code: 'too-long', limit: 3 });
    expect(byPath['amount']).toMatchObject({ code: 'too-big', limit: 10 });
    expect(byPath['parties']).toMatchObject({ code: 'too-few', limit: 1 });
    expect(byPath['kind']).toMatchObject({ code: 'invalid-choice' });
    expect(byPath['id']).toMatchObject({ code: 'invalid-format' });
    expect(byPath['required']).toMatchObject({ code: 'required' });
    expect(byPath['typed']).toMatchObject({ code: 'invalid-type' });
    expect(byPath['(body)']).toMatchObject({ code: 'unknown-field' });
    // A rule of the schema's own keeps its words and no general code.
    expect(byPath['custom']).toEqual({ message: 'list each party once' });
  });

  it('names each unknown query parameter on its own', () => {
    const issues = zodIssuesToFieldIssues(issuesOf(z.object({}).strict(), { sort: 'x' }), 'query string');
    expect(issues).toEqual([{ path: 'sort', message: expect.stringMatching(/remove it/), code: 'unknown-field' }]);
  });
});
