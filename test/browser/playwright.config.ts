/**
 * The browser tier of `npm test`: the console's journeys in Debian's Chromium (never a browser Playwright would
 * download), against the real stack that support/global-setup.ts starts once for all of them.
 */
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ARTEFACTS = path.join(REPO_ROOT, '.data', 'test', 'browser');

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.pw.ts',
  // One stack, two cores: journeys run one after another.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: path.join(ARTEFACTS, 'results'),
  globalSetup: path.join(__dirname, 'support', 'global-setup.ts'),
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env['GONGZHI_BROWSER_REPORT'] ?? path.join(REPO_ROOT, '.data', 'test', 'reports', 'browser.json'),
      },
    ],
  ],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env['GONGZHI_CHROMIUM'] ?? '/usr/bin/chromium' },
    baseURL: `http://127.0.0.1:${process.env['GONGZHI_TEST_CONSOLE_PORT'] ?? 23000}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
