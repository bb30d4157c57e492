import { agencyFieldOf, agencyPatch, createAgencyBody, formValuesOf } from './agency-form';
import type { Agency } from './vocabulary';

const agency: Agency = {
  id: 'a9e00000-0000-4000-8000-000000000001',
  kind: 'mediation-committee',
  name: '上坝村人民调解委员会',
  townCode: 'qingshui',
  areaCodes: ['shangba', 'shangba-01'],
  contactPhone: '0000-1000001',
  receptionHours: [
    { weekday: 1, from: '09:00', to: '17:00' },
    { weekday: 2, from: '09:00', to: '17:00' },
  ],
  signers: 2,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('the agency form', () => {
  it('sends nothing when nothing changed, reordering included', () => {
    const values = formValuesOf(agency);
    expect(agencyPatch(agency, values)).toEqual({});
    expect(
      agencyPatch(agency, {
        ...values,
        areaCodes: ['shangba-01', 'shangba'],
        receptionHours: [...(values.receptionHours ?? [])].reverse(),
      }),
    ).toEqual({});
  });

  it('sends only the changed fields, a cleared phone as null and a trimmed name', () => {
    const values = formValuesOf(agency);
    expect(agencyPatch(agency, { ...values, name: ' 上坝村调委会 ', contactPhone: ' ' })).toEqual({
      name: '上坝村调委会',
      contactPhone: null,
    });
  });

  it('sends the whole week when one window changed, in the form order, with blank notes left out', () => {
    const values = formValuesOf(agency);
    const rows = [
      { weekday: 2, from: '09:00', to: '17:00', note: '  ' },
      { weekday: 6, from: '09:00', to: '12:00', note: ' 仅上午 ' },
    ];
    expect(agencyPatch(agency, { ...values, receptionHours: rows })).toEqual({
      receptionHours: [
        { weekday: 2, from: '09:00', to: '17:00' },
        { weekday: 6, from: '09:00', to: '12:00', note: '仅上午' },
      ],
    });
  });

  it('creates an agency in the town the page shows, each area once, without a phone when none was given', () => {
    expect(
      createAgencyBody(
        { kind: 'court', name: ' 人民法庭 ', areaCodes: ['xiaba', 'xiaba'], contactPhone: '' },
        'hetian',
      ),
    ).toEqual({
      kind: 'court',
      name: '人民法庭',
      townCode: 'hetian',
      areaCodes: ['xiaba'],
      contactPhone: null,
      receptionHours: [],
    });
  });

  it('puts the service field errors beside the field or the row they are about', () => {
    expect(agencyFieldOf('name')).toBe('name');
    expect(agencyFieldOf('areaCodes.3')).toBe('areaCodes');
    expect(agencyFieldOf('receptionHours.2.to')).toEqual(['receptionHours', 2, 'to']);
    expect(agencyFieldOf('townCode')).toBeUndefined();
  });
});
