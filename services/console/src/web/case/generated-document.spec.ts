import { generatedFieldOf, generateRequestOf } from './generated-document';

describe('the generated documents form', () => {
  const values = {
    terms: ['  乙方于2026年3月31日前拆除越界搭建的雨棚。 ', '甲方放弃其他赔偿请求。'],
    manner: ' 自行拆除 ',
    deadline: '2026年3月31日前',
    court: ' 清水县人民法院 ',
    reason: '   ',
  };

  it('sends the agreement with its terms in order and trimmed, and nothing of the application', () => {
    expect(generateRequestOf('mediation-agreement', values)).toEqual({
      kind: 'mediation-agreement',
      terms: ['乙方于2026年3月31日前拆除越界搭建的雨棚。', '甲方放弃其他赔偿请求。'],
      performance: { manner: '自行拆除', deadline: '2026年3月31日前' },
    });
  });

  it('sends the application with its court, and a reason only when one was written', () => {
    expect(generateRequestOf('confirmation-application', values)).toEqual({
      kind: 'confirmation-application',
      terms: ['乙方于2026年3月31日前拆除越界搭建的雨棚。', '甲方放弃其他赔偿请求。'],
      performance: { manner: '自行拆除', deadline: '2026年3月31日前' },
      court: '清水县人民法院',
    });
    expect(
      generateRequestOf('confirmation-application', { ...values, reason: ' 双方自愿达成，已部分履行。 ' }),
    ).toMatchObject({ reason: '双方自愿达成，已部分履行。' });
  });

  it("puts the service's field errors beside the form's fields", () => {
    expect(generatedFieldOf('terms.3')).toEqual(['terms', 3]);
    expect(generatedFieldOf('performance.manner')).toBe('manner');
    expect(generatedFieldOf('performance.deadline')).toBe('deadline');
    expect(generatedFieldOf('court')).toBe('court');
    expect(generatedFieldOf('reason')).toBe('reason');
    // The list as a whole (too few, too many) has no field of its own: the problem above the form says it.
    expect(generatedFieldOf('terms')).toBeUndefined();
    expect(generatedFieldOf('kind')).toBeUndefined();
  });
});
