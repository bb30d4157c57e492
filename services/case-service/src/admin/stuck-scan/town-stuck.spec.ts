/** Which town a stuck view covers, and who may have one. */
import type { Principal } from '@gongzhi/contracts';
import { staff } from '../../testing/fake-case-service';
import { stuckViewTown } from './stuck-scan.service';

const engine: Principal = { staffId: 'worker', agencyId: 'system', townCode: 'county', roles: ['workflow-engine'] };

describe('the town of a stuck view', () => {
  it('is a coordinator’s own town, named or not, and never another', () => {
    expect(stuckViewTown(staff.coordinator, undefined)).toBe('qingshui');
    expect(stuckViewTown(staff.coordinator, 'qingshui')).toBe('qingshui');
    expect(() => stuckViewTown(staff.coordinator, 'hekou')).toThrow(/own town \(qingshui\)/);
  });

  it('is the town an administrator names, or their own', () => {
    expect(stuckViewTown(staff.administrator, 'hekou')).toBe('hekou');
    expect(stuckViewTown(staff.administrator, undefined)).toBe('county');
  });

  it('is nobody else’s to have', () => {
    for (const who of [staff.policeLiaison, staff.villageMediator, staff.gridWorker, engine]) {
      expect(() => stuckViewTown(who, undefined)).toThrow(expect.objectContaining({ status: 403 }));
    }
  });
});
