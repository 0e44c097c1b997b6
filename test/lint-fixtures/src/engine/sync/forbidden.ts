// Parts of one level stay independent, and nothing below compose reaches up to it.
import { ProfileService } from '../profiles/profile-service'; // reported
import { syncDomain } from '../compose/sync-domain'; // reported
import { createEngine } from '../create-engine'; // reported
export { ProfileService, syncDomain, createEngine };
