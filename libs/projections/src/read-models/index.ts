import { agencyProjection } from './agency.projection.js';
import { careerProjection } from './career.projection.js';
import { promotionCaseProjection } from './promotion-case.projection.js';

export { agencyProjection, careerProjection, promotionCaseProjection };

/** Every read model the projector maintains; `projections:rebuild` takes their names. */
export const ALL_PROJECTIONS = [agencyProjection, careerProjection, promotionCaseProjection] as const;
