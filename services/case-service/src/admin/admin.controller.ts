import { ApiRoutes } from '@gongzhi/http';
import { withSavedViewRoutes } from './saved-views/saved-views.controller';
import type { SavedViewsService } from './saved-views/saved-views.service';
import { withStuckScanRoutes } from './stuck-scan/stuck-scan.controller';
import type { AdminService } from './stuck-scan/stuck-scan.service';

/**
 * The administrators' view of cases that do not move, and their saved views of it: one route set, staff callers
 * only, the scan's routes first (the order the API document lists them in).
 */
export function adminRoutes(admin: AdminService, views: SavedViewsService): ApiRoutes {
  return withSavedViewRoutes(withStuckScanRoutes(new ApiRoutes({ callers: ['staff'] }), admin, views), views);
}
