import { registerNamespace } from '../common/i18n/i18n';
import { caseStrings } from './strings';

registerNamespace('case', caseStrings);
