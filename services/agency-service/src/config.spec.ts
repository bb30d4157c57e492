import { loadAgencyServiceConfig } from './config';

const required = {
  DATABASE_URL: 'postgresql://gongzhi_agency:gongzhi_agency@127.0.0.1:15432/agency',
  AUTH_PUBLIC_KEY_FILE: '/keys/auth.pub.pem',
  AUDIT_CHAIN_KEY_FILE: '/keys/audit-chain-agency.key',
  AUTH_PRIVATE_KEY_FILE: '/keys/auth.pem',
};

describe('agency-service configuration: TRUSTED_PROXIES', () => {
  it('trusts no proxy unless told, so a client cannot name its own address', () => {
    expect(loadAgencyServiceConfig(required).TRUSTED_PROXIES).toEqual([]);
  });

  it('reads addresses, CIDRs and the named ranges, comma-separated', () => {
    const config = loadAgencyServiceConfig({
      ...required,
      TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16,fd00::/8 ,loopback',
    });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses to start on an entry that is not an address, naming the variable', () => {
    for (const value of ['console', '10.0.0.0/33', '10.0.0.1/8/2', '*']) {
      expect(() => loadAgencyServiceConfig({ ...required, TRUSTED_PROXIES: value })).toThrow(
        /TRUSTED_PROXIES is invalid/,
      );
    }
  });
});
