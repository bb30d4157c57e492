import { registerNamespace } from '../common/i18n/i18n';
import { coordinationStrings } from './strings';

registerNamespace('coordination', coordinationStrings);
