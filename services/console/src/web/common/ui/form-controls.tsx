import { Select, type SelectProps } from 'antd';

type FormControlAria = { 'aria-required'?: unknown; 'aria-invalid'?: unknown };

/**
 * A Select inside a validated Form.Item. The item hands its control `aria-required` and `aria-invalid`, and Ant
 * Design's Select puts them on its outer <div> as well as on the combobox, where they are not allowed (axe:
 * aria-allowed-attr, critical). They are dropped here: the label's asterisk and the error text beside the field,
 * linked to the combobox by the item, still say both.
 */
export function FormSelect<Value = string>(props: SelectProps<Value> & FormControlAria) {
  const { 'aria-required': _required, 'aria-invalid': _invalid, ...rest } = props;
  return <Select<Value> {...rest} />;
}

/**
 * Ant Design passes `role` on to a Radio.Group's element but does not declare it: the radios then read as one named
 * group, which is also a role the form's aria-required and aria-invalid are allowed on.
 */
export const RADIO_GROUP_ROLE = { role: 'radiogroup' } as const;
