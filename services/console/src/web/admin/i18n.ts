import { registerNamespace } from '../common/i18n/i18n';
import { adminStrings } from './strings';

registerNamespace('admin', adminStrings);
