import { agencyProjection } from './agency.projection.js';
import { careerProjection } from './career.projection.js';
import { dashboardAppraisalsProjection } from './dashboard-appraisals.projection.js';
import { dashboardPromotionsProjection } from './dashboard-promotions.projection.js';
import { dashboardTrainingProjection } from './dashboard-training.projection.js';
import { delegationsProjection } from './delegations.projection.js';
import { promotionCaseProjection } from './promotion-case.projection.js';
import { unitRatingsProjection } from './unit-ratings.projection.js';

export { agencyProjection, careerProjection, delegationsProjection, promotionCaseProjection, unitRatingsProjection };
export { dashboardAppraisalsProjection, dashboardPromotionsProjection, dashboardTrainingProjection };

/** Every read model the projector maintains; `projections:rebuild` takes their names. */
export const ALL_PROJECTIONS = [
  agencyProjection,
  careerProjection,
  promotionCaseProjection,
  dashboardPromotionsProjection,
  dashboardTrainingProjection,
  dashboardAppraisalsProjection,
  delegationsProjection,
  unitRatingsProjection,
] as const;
