import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../testing/src/decider-spec.js';
import {
  agencyDecider,
  DEFAULT_MERIT_POLICY,
  DEFAULT_STAGES,
  DEFAULT_TIME_ZONE,
  defaultAgencySettings,
  type ConfigureAgency,
} from './agency.js';
import type { AgencyConfigured } from './events.js';

const ADMIN = '197001011995031001';
const metadata = { actor: ADMIN, roles: ['admin' as const], agency: 'pemkot-langsa', now: '2026-03-02T03:00:00.000Z' };
const spec = DeciderSpec.for(agencyDecider);

const configure = (data: Partial<ConfigureAgency['data']> = {}): ConfigureAgency => ({
  type: 'ConfigureAgency',
  data: { agencyId: 'pemkot-langsa', name: 'Pemerintah Kota Langsa', timeZone: 'Asia/Jakarta', ...data },
  metadata,
});

const configured = (data: Partial<AgencyConfigured['data']> = {}): AgencyConfigured => ({
  type: 'AgencyConfigured',
  data: {
    agencyId: 'pemkot-langsa',
    name: 'Pemerintah Kota Langsa',
    timeZone: 'Asia/Jakarta',
    holidays: [],
    stages: DEFAULT_STAGES,
    meritPolicy: DEFAULT_MERIT_POLICY,
    ...data,
  },
});

describe('agency defaults', () => {
  test('default stages, policy and zone are those of docs/domain.md', () => {
    expect(DEFAULT_STAGES).toEqual([
      { id: 'verification', role: 'verifier', sla: 'P2D' },
      { id: 'committee', role: 'committee', sla: 'P5D' },
      { id: 'approval', role: 'ppk', sla: 'P3D' },
    ]);
    expect(DEFAULT_MERIT_POLICY).toEqual({
      version: 1,
      regularYearsInGrade: 4,
      selectionYearsInGrade: 1,
      minimumPredicates: ['BAIK', 'SANGAT_BAIK'],
      appraisalYears: 2,
      trainingHours: 20,
      trainingWindowMonths: 12,
    });
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Jakarta');
  });

  test('an agency never configured works with the defaults at config version 0', () => {
    const settings = defaultAgencySettings('pemkot-medan');
    expect(settings).toEqual({
      agencyId: 'pemkot-medan',
      name: 'pemkot-medan',
      timeZone: 'Asia/Jakarta',
      holidays: [],
      stages: DEFAULT_STAGES,
      meritPolicy: DEFAULT_MERIT_POLICY,
      configVersion: 0,
    });
    settings.stages[0].sla = 'P9D';
    expect(DEFAULT_STAGES[0].sla).toBe('P2D');
  });
});

describe('ConfigureAgency', () => {
  test('omitted holidays, stages and policy mean the defaults', () => {
    spec.when(configure()).then([configured()]);
  });

  test('stores a custom calendar, pipeline and policy; holidays sorted and deduplicated', () => {
    const stages = [
      { id: 'verification', role: 'verifier' as const, sla: 'PT2S' },
      { id: 'final_approval', role: 'ppk' as const, sla: 'P1DT4H' },
    ];
    const meritPolicy = { ...DEFAULT_MERIT_POLICY, version: 2, regularYearsInGrade: 3 };
    spec
      .when(configure({ timeZone: 'Asia/Jayapura', holidays: ['2026-12-25', '2026-01-01', '2026-12-25'], stages, meritPolicy }))
      .then([configured({ timeZone: 'Asia/Jayapura', holidays: ['2026-01-01', '2026-12-25'], stages, meritPolicy })]);
  });

  test('each configuration increments configVersion', () => {
    spec
      .given([configured(), configured({ name: 'Kota Langsa' })], defaultAgencySettings('pemkot-langsa'))
      .when(configure({ timeZone: 'Asia/Makassar' }))
      .thenState((state) => {
        expect(state.configVersion).toBe(3);
        expect(state.timeZone).toBe('Asia/Makassar');
        expect(state.name).toBe('Pemerintah Kota Langsa');
      });
  });

  test.each([
    ['an unknown zone', { timeZone: 'Asia/Tokyo' }, 'timeZone'],
    ['a blank name', { name: '  ' }, 'name'],
    ['an impossible holiday', { holidays: ['2026-02-30'] }, 'holidays[0]'],
    ['a holiday that is no date', { holidays: ['Lebaran'] }, 'holidays[0]'],
    ['no stages', { stages: [] }, 'stages'],
    ['an uppercase stage id', { stages: [{ id: 'Verification', role: 'verifier' as const, sla: 'P2D' }] }, 'stages[0].id'],
    ['a stage id starting with a digit', { stages: [{ id: '1st', role: 'verifier' as const, sla: 'P2D' }] }, 'stages[0].id'],
    ['a 41-character stage id', { stages: [{ id: 'a'.repeat(41), role: 'verifier' as const, sla: 'P2D' }] }, 'stages[0].id'],
    [
      'duplicate stage ids',
      {
        stages: [
          { id: 'review', role: 'verifier' as const, sla: 'P2D' },
          { id: 'review', role: 'ppk' as const, sla: 'P2D' },
        ],
      },
      'stages[1].id',
    ],
    ['a role that decides nothing', { stages: [{ id: 'review', role: 'employee' as const, sla: 'P2D' }] }, 'stages[0].role'],
    ['an SLA in weeks', { stages: [{ id: 'review', role: 'verifier' as const, sla: 'P1W' }] }, 'stages[0].sla'],
    ['a zero SLA', { stages: [{ id: 'review', role: 'verifier' as const, sla: 'PT0S' }] }, 'stages[0].sla'],
    ['an SLA over a year', { stages: [{ id: 'review', role: 'verifier' as const, sla: 'P400D' }] }, 'stages[0].sla'],
    ['a policy without a version', { meritPolicy: { ...DEFAULT_MERIT_POLICY, version: 0 } }, 'meritPolicy.version'],
    [
      'a policy with an unknown predicate',
      { meritPolicy: { ...DEFAULT_MERIT_POLICY, minimumPredicates: ['GOOD' as never] } },
      'meritPolicy.minimumPredicates',
    ],
    [
      'a policy with fractional years',
      { meritPolicy: { ...DEFAULT_MERIT_POLICY, regularYearsInGrade: 2.5 } },
      'meritPolicy.regularYearsInGrade',
    ],
  ])('refuses %s with VALIDATION_FAILED naming the field', (_label, data, field) => {
    const error = spec.when(configure(data as Partial<ConfigureAgency['data']>)).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  test('lists every invalid field at once', () => {
    const error = spec.when(configure({ name: '', timeZone: 'UTC', holidays: ['x'] })).thenThrows('VALIDATION_FAILED');
    expect((error.details as { field: string }[]).map((d) => d.field)).toEqual(['name', 'timeZone', 'holidays[0]']);
  });

  test("another agency's configuration is NOT_FOUND", () => {
    spec.when(configure({ agencyId: 'pemkot-semarang' })).thenThrows('NOT_FOUND', 'AGENCY.OTHER_AGENCY');
  });
});
