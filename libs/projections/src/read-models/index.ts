import { careerProjection } from './career.projection.js';
import { promotionCaseProjection } from './promotion-case.projection.js';

export { careerProjection, promotionCaseProjection };

/** Every read model the projector maintains; `projections:rebuild` takes their names. */
export const ALL_PROJECTIONS = [careerProjection, promotionCaseProjection] as const;
