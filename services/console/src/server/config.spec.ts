import { loadConsoleConfig } from './config';

const REQUIRED = {
  DATABASE_URL: 'postgresql://gongzhi_console:gongzhi_console@127.0.0.1:15432/console',
  CONSOLE_SESSION_KEYS: `s1:${Buffer.alloc(32, 7).toString('base64')}`,
  CONSOLE_WEB_DIR: '/tmp/web',
};

describe("the console's trusted proxies", () => {
  it('trusts nobody by default: the socket that reaches the console is the client', () => {
    expect(loadConsoleConfig(REQUIRED).TRUSTED_PROXIES).toEqual([]);
  });

  it("takes addresses, CIDRs and Express's named ranges, as agency-service does", () => {
    const config = loadConsoleConfig({ ...REQUIRED, TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16 ,fd00::/8,loopback' });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses to start on an entry that is not an address, naming the variable', () => {
    expect(() => loadConsoleConfig({ ...REQUIRED, TRUSTED_PROXIES: '10.0.0.5,proxy.example' })).toThrow(
      /TRUSTED_PROXIES is invalid/,
    );
    expect(() => loadConsoleConfig({ ...REQUIRED, TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('refuses the old TRUST_PROXY=on, which believed a forwarded address from anyone, and says what replaced it', () => {
    expect(() => loadConsoleConfig({ ...REQUIRED, TRUST_PROXY: 'on' })).toThrow(/TRUST_PROXY .*TRUSTED_PROXIES/);
  });
});
