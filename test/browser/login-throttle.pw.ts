/**
 * The console's server stands between every browser and agency-service's login back-off (security review: it used to
 * hide the browser's address, so one person's wrong passwords made every console user wait, up to an hour). Sign-ins
 * leave from chosen loopback addresses (127.0.0.x) to the real console, which signs in at the real agency-service:
 * a stranger failing from one address must not shut out a colleague at another.
 */
import { request as httpRequest } from 'node:http';
import { choose, expect, screenshot, test } from './support/journey';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** POST /bff/session from a browser at `from`, as the sign-in page sends it. */
function signInFrom(baseURL: string, from: string, username: string, password: string): Promise<Answer> {
  const target = new URL('/bff/session', baseURL);
  const payload = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        localAddress: from,
        method: 'POST',
        path: target.pathname,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          origin: target.origin,
          'x-gongzhi-console': '1',
        },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: typeof header === 'string' ? header : undefined, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

test("a stranger's failed sign-ins from one address do not lock a colleague at another out", async ({
  page,
  baseURL,
}) => {
  if (!baseURL) throw new Error('no baseURL');
  // The stranger tries made-up names (never one account: the account gate is not what this is about) until the
  // back-off for their address answers: after the 10 free failures of agency-service's address gate.
  const failures: number[] = [];
  let throttled: Answer | undefined;
  for (let attempt = 0; attempt < 20 && !throttled; attempt += 1) {
    const answer = await signInFrom(baseURL, '127.0.0.2', `stranger-${attempt}`, 'guess');
    if (answer.status === 429) throttled = answer;
    else failures.push(answer.status);
  }
  if (!throttled) throw new Error('the stranger was never made to wait');

  // The colleague, at another address, signs in at once: the stranger's failures were counted at the stranger's.
  const colleague = await signInFrom(baseURL, '127.0.0.3', 'admin', 'gongzhi-demo');
  expect(colleague.status, colleague.body).toBe(201);

  // The stranger's own address had its 10 free failures (one more only if a second passed before the 11th try, the
  // first wait being a second), and was then told how long to wait.
  expect(failures.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 401));
  expect(failures.length).toBeLessThanOrEqual(12);
  expect(new Set(failures)).toEqual(new Set([401]));
  expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
  const problem = JSON.parse(throttled.body) as { type: string; retryAt: string };
  expect(problem.type).toBe('urn:gongzhi:problem:login-throttled');

  // The stranger's page says when to try again, in the town's time, in either language.
  const retryTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(problem.retryAt));
  // Chromium reaches the console from 127.0.0.1: it is shown the answer the console gave the stranger.
  await page.route('**/bff/session', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: throttled.status,
          headers: { 'content-type': 'application/problem+json', 'retry-after': throttled.retryAfter ?? '' },
          body: throttled.body,
        })
      : route.fallback(),
  );
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill('stranger-20');
  await page.getByLabel('密码').fill('guess');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('登录失败次数过多');
  await expect(page.getByRole('alert')).toContainText(`请于 ${retryTime} 后再试。`);
  await screenshot(page, 'sign-in-throttled-zh');

  await choose(page, page.getByRole('combobox', { name: '语言' }), 'English');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Too many failed sign-ins');
  await expect(page.getByRole('alert')).toContainText(`Try again at ${retryTime}.`);
});
