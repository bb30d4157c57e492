import { TaskViewsControl } from '../task-views';
import type { SavedViewsControl } from './town-filters';

/**
 * The town's tasks' saved views. The page always lists the whole town, so a view saved here keeps its filters without
 * `view`: shared with the police liaisons, "police transfers overdue in Xiaba" applies on their own workbench, within
 * what they may see, rather than being refused as a view of the whole town.
 */
export const TownTaskViews: SavedViewsControl = ({ filters, onApply }) => (
  <TaskViewsControl filters={filters} onApply={(saved) => onApply(saved)} />
);
