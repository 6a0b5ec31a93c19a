import { api } from '../api/client';
import type { EntityCatalog, ReportingEntity } from '../api/reporting-types';

let catalog: Promise<EntityCatalog[]> | undefined;

/** The reporting service's entities and their fields (labels, default columns); read once per page load. */
export function entityCatalog(entity: ReportingEntity): Promise<EntityCatalog | undefined> {
  catalog ??= api
    .get<{ data: EntityCatalog[] }>('/api/v1/entities')
    .then((r) => r.data)
    .catch((e: unknown) => {
      catalog = undefined;
      throw e;
    });
  return catalog.then((all) => all.find((c) => c.entity === entity));
}
