import {
  agencyDecider,
  defaultAgencySettings,
  streamIds,
  type AgencyCommand,
  type AgencyEvent,
  type AgencyState,
  type ConfigureAgency,
  type RecordUnitRating,
  type UnitRatingCommand,
  type UnitRatingEvent,
  type UnitRatingState,
  unitRatingDecider,
} from '#domain';
import type { UseCase } from '../use-case.js';

export type ConfigureAgencyInput = ConfigureAgency['data'];

type Configured = Omit<AgencyState, 'configVersion'> & { configVersion: number };

/** Every PUT is a new configuration version; running cases keep the one they started under. */
export const configureAgency: UseCase<ConfigureAgencyInput, Configured, AgencyCommand, AgencyState, AgencyEvent> = {
  name: 'ConfigureAgency',
  decider: agencyDecider,
  // Another agency (404) is the decider's call, after it has checked the body (400 comes first).
  target: (input) => ({ streamId: streamIds.agency(input.agencyId), initialState: defaultAgencySettings(input.agencyId) }),
  command: (input, metadata) => ({ type: 'ConfigureAgency', data: input, metadata }),
  result: ({ events, version }) => {
    const configured = events[0].data;
    return { ...configured, configVersion: version };
  },
};

export type RecordUnitRatingInput = RecordUnitRating['data'];

/** One stream per agency holds all its units' ratings; a repeated rating answers without appending. */
export const recordUnitRating: UseCase<RecordUnitRatingInput, RecordUnitRatingInput, UnitRatingCommand, UnitRatingState, UnitRatingEvent> =
  {
    name: 'RecordUnitRating',
    decider: unitRatingDecider,
    // Another agency (404) is the decider's call, after it has checked the body (400 comes first).
    target: (input) => ({ streamId: streamIds.unitRatings(input.agencyId) }),
    command: (input, metadata) => ({ type: 'RecordUnitRating', data: input, metadata }),
    result: ({ input }) => ({ agencyId: input.agencyId, unitId: input.unitId, year: input.year, rating: input.rating }),
  };
