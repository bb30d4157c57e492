import { DeleteOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormSelect } from '../common/ui/form-controls';
import type { AgencyFormValues, WindowRow } from './agency-form';
import { areaOptions } from './areas';
import { normaliseClockTime, overlappingWindows } from './reception';
import {
  AGENCY_KINDS,
  AGENCY_PHONE,
  CLOCK_TIME,
  type DirectoryVillage,
  LIMITS,
  type ReceptionWindow,
  WEEKDAYS,
} from './vocabulary';

/** A reception window's rows: one line each (day, from, to, note), a warning under the list when two overlap. */
function ReceptionRows() {
  const { t } = useTranslation(['people', 'common']);
  const form = Form.useFormInstance<AgencyFormValues>();
  const rows = Form.useWatch('receptionHours', form) as WindowRow[] | undefined;
  const overlaps = new Set(overlappingWindows((rows ?? []) as Partial<ReceptionWindow>[]));
  const time = (index: number, which: 'from' | 'to') => (
    <Form.Item
      name={[index, which]}
      dependencies={which === 'to' ? [['receptionHours', index, 'from']] : []}
      rules={[
        { required: true, pattern: CLOCK_TIME, message: t('agencies.form.timeRequired') },
        ...(which === 'to'
          ? [
              ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
                validator: (_rule: unknown, value?: string) => {
                  const from = getFieldValue(['receptionHours', index, 'from']);
                  return typeof from === 'string' && value && from >= value
                    ? Promise.reject(new Error(t('agencies.form.backward')))
                    : Promise.resolve();
                },
              }),
            ]
          : []),
      ]}
    >
      {/* Text, not <input type="time">: a browser set to English shows that as 09:00 AM, and the town reads 24 hours. */}
      <Input
        className="gz-people-window-time"
        maxLength={5}
        inputMode="numeric"
        placeholder={which === 'from' ? '09:00' : '17:00'}
        autoComplete="off"
        aria-label={t(which === 'from' ? 'agencies.form.fromOf' : 'agencies.form.toOf', { index: index + 1 })}
        onBlur={(event) => {
          const typed = event.target.value;
          const time = normaliseClockTime(typed);
          if (time === typed) return;
          form.setFieldValue(['receptionHours', index, which], time);
          void form.validateFields([['receptionHours', index, which]]).catch(() => undefined);
        }}
      />
    </Form.Item>
  );
  return (
    <Form.List name="receptionHours">
      {(fields, { add, remove }) => (
        <>
          {fields.length > 0 ? (
            // The visible column heads; each control carries its own name for a screen reader.
            <div className="gz-people-window-head" aria-hidden="true">
              <span>{t('agencies.form.weekday')}</span>
              <span>{t('agencies.form.from')}</span>
              <span>{t('agencies.form.to')}</span>
              <span>{t('agencies.form.note')}</span>
            </div>
          ) : null}
          {fields.map((field, index) => (
            <div key={field.key} className="gz-people-window">
              <Form.Item
                name={[field.name, 'weekday']}
                rules={[{ required: true, message: t('agencies.form.weekdayRequired') }]}
              >
                <FormSelect<number>
                  className="gz-people-window-day"
                  aria-label={t('agencies.form.weekdayOf', { index: index + 1 })}
                  options={WEEKDAYS.map((day) => ({ value: day, label: t(`weekdays.${day}`) }))}
                />
              </Form.Item>
              {time(field.name, 'from')}
              {time(field.name, 'to')}
              <Form.Item name={[field.name, 'note']} className="gz-people-window-note">
                <Input maxLength={LIMITS.note} aria-label={t('agencies.form.noteOf', { index: index + 1 })} />
              </Form.Item>
              <Button
                icon={<DeleteOutlined aria-hidden="true" />}
                onClick={() => remove(field.name)}
                aria-label={t('agencies.form.removeWindow', { index: index + 1 })}
                title={t('agencies.form.removeWindow', { index: index + 1 })}
              />
              {overlaps.has(index) ? (
                <p className="gz-people-warning" role="status">
                  {t('agencies.form.overlap')}
                </p>
              ) : null}
            </div>
          ))}
          <Button
            onClick={() => {
              // A new window starts on the day after the last one, with its hours: a week is quick to enter.
              const last = rows?.[rows.length - 1];
              add(
                last?.weekday && last.weekday < 7
                  ? { weekday: last.weekday + 1, from: last.from, to: last.to }
                  : { weekday: 1, from: '09:00', to: '17:00' },
              );
            }}
            disabled={fields.length >= LIMITS.receptionWindows}
          >
            {t('agencies.form.addWindow')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The fields of an agency, for adding one and for changing one. */
export function AgencyFields({ villages, held }: { villages: readonly DirectoryVillage[]; held: readonly string[] }) {
  const { t } = useTranslation(['people', 'common']);
  return (
    <>
      <Form.Item
        label={t('agencies.form.kind')}
        name="kind"
        rules={[{ required: true, message: t('agencies.form.kindRequired') }]}
      >
        <FormSelect options={AGENCY_KINDS.map((kind) => ({ value: kind, label: t(`common:agencyKinds.${kind}`) }))} />
      </Form.Item>
      <Form.Item
        label={t('agencies.form.name')}
        name="name"
        rules={[
          {
            required: true,
            whitespace: true,
            min: LIMITS.agencyName.min,
            max: LIMITS.agencyName.max,
            transform: (v?: string) => v?.trim(),
            message: t('agencies.form.nameRequired'),
          },
        ]}
      >
        <Input maxLength={LIMITS.agencyName.max} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('agencies.form.areas')} name="areaCodes" extra={t('agencies.form.areasHint')}>
        <FormSelect<string[]>
          mode="multiple"
          allowClear
          optionFilterProp="label"
          maxCount={LIMITS.areaCodes}
          options={areaOptions(villages, held, {
            grid: (village, grid) => t('agencies.gridOf', { village, grid }),
            unlisted: t('agencies.unlistedAreas'),
          })}
        />
      </Form.Item>
      <Form.Item
        label={t('agencies.form.phone')}
        name="contactPhone"
        extra={t('agencies.form.phoneHint')}
        rules={[
          { pattern: AGENCY_PHONE, transform: (v?: string) => v?.trim(), message: t('agencies.form.phoneInvalid') },
        ]}
      >
        <Input maxLength={20} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <fieldset className="gz-people-fieldset">
        <legend>{t('agencies.form.reception')}</legend>
        <p className="gz-muted">{t('agencies.form.receptionHint')}</p>
        <ReceptionRows />
      </fieldset>
    </>
  );
}
