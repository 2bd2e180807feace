import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../testing/src/decider-spec.js';
import {
  agencyCalendar,
  agencyDecider,
  DEFAULT_TIME_ZONE,
  defaultAgencySettings,
  patchStages,
  pipelineFor,
  type ConfigureAgency,
} from './agency.js';
import { DEFAULT_OBJECTION_SLA, DEFAULT_SIGNATORY, NATIONAL_STAGES } from './agency-defaults.js';
import type { AgencyConfigured } from './events.js';

const ADMIN = '197001011995031001';
const metadata = { actor: ADMIN, roles: ['admin' as const], agency: 'pemkot-langsa', now: '2026-03-02T03:00:00.000Z' };
const spec = DeciderSpec.for(agencyDecider);

const DEFAULT_STAGES = [
  { id: 'verification', sla: 'P2D' },
  { id: 'committee', sla: 'P5D', requiredFor: ['STRUCTURAL'] },
  { id: 'approval', sla: 'P3D' },
  { id: 'bkn', sla: 'P2D' },
  { id: 'decree', sla: 'P5D' },
];

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
    stages: DEFAULT_STAGES as AgencyConfigured['data']['stages'],
    units: [],
    signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
    objectionSla: 'PT336H',
    ...data,
  },
});

describe('agency defaults', () => {
  test('the national pipeline of DOMAIN.md: stages, roles and SLAs; the committee optional, for STRUCTURAL by default', () => {
    expect(NATIONAL_STAGES.map((s) => [s.id, s.role, s.sla, s.optional])).toEqual([
      ['verification', 'verifier', 'P2D', false],
      ['committee', 'committee', 'P5D', true],
      ['approval', 'ppk', 'P3D', false],
      ['bkn', 'bkn', 'P2D', false],
      ['decree', 'ppk', 'P5D', false],
    ]);
    expect(NATIONAL_STAGES[1].defaultRequiredFor).toEqual(['STRUCTURAL']);
  });

  test('an agency never configured: WIB, no holidays or units, the default signatory and objection SLA, config version 0', () => {
    const settings = defaultAgencySettings('pemkot-medan');
    expect(settings).toEqual({
      agencyId: 'pemkot-medan',
      name: 'pemkot-medan',
      timeZone: DEFAULT_TIME_ZONE,
      holidays: [],
      stages: DEFAULT_STAGES,
      units: [],
      signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
      objectionSla: 'PT336H',
      configVersion: 0,
    });
    expect(DEFAULT_SIGNATORY).toEqual(settings.signatory);
    expect(DEFAULT_OBJECTION_SLA).toBe('PT336H');
    // The defaults are copies: changing one agency's settings changes no other's.
    settings.stages[1].requiredFor?.push('REGULAR');
    expect(defaultAgencySettings('pemkot-medan').stages[1].requiredFor).toEqual(['STRUCTURAL']);
  });
});

describe('patchStages', () => {
  test('no patch: the defaults', () => {
    expect(patchStages(undefined)).toEqual(DEFAULT_STAGES);
    expect(patchStages([])).toEqual(DEFAULT_STAGES);
  });

  test('a listed stage takes its SLA; unlisted ones keep their defaults; the order stays national', () => {
    expect(
      patchStages([
        { id: 'decree', sla: 'P10D' },
        { id: 'verification', sla: 'PT4H' },
      ]),
    ).toEqual([
      { id: 'verification', sla: 'PT4H' },
      { id: 'committee', sla: 'P5D', requiredFor: ['STRUCTURAL'] },
      { id: 'approval', sla: 'P3D' },
      { id: 'bkn', sla: 'P2D' },
      { id: 'decree', sla: 'P10D' },
    ]);
  });

  test('the committee takes its kinds; requiredFor: [] turns it off; an SLA alone keeps its kinds', () => {
    expect(patchStages([{ id: 'committee', requiredFor: ['REGULAR', 'FUNCTIONAL'] }])[1]).toEqual({
      id: 'committee',
      sla: 'P5D',
      requiredFor: ['REGULAR', 'FUNCTIONAL'],
    });
    expect(patchStages([{ id: 'committee', requiredFor: [] }])[1]).toEqual({ id: 'committee', sla: 'P5D', requiredFor: [] });
    expect(patchStages([{ id: 'committee', sla: 'P7D' }])[1]).toEqual({ id: 'committee', sla: 'P7D', requiredFor: ['STRUCTURAL'] });
  });
});

describe('pipelineFor', () => {
  test('the stages of a kind with the national role of each; the committee only where required', () => {
    const settings = defaultAgencySettings('pemkot-langsa');
    expect(pipelineFor(settings, 'REGULAR')).toEqual([
      { id: 'verification', role: 'verifier', sla: 'P2D' },
      { id: 'approval', role: 'ppk', sla: 'P3D' },
      { id: 'bkn', role: 'bkn', sla: 'P2D' },
      { id: 'decree', role: 'ppk', sla: 'P5D' },
    ]);
    expect(pipelineFor(settings, 'STRUCTURAL').map((s) => s.id)).toEqual(['verification', 'committee', 'approval', 'bkn', 'decree']);
    const everyKind = { stages: patchStages([{ id: 'committee', requiredFor: ['OUTSTANDING'] }]) };
    expect(pipelineFor(everyKind, 'OUTSTANDING').map((s) => s.id)).toContain('committee');
    expect(pipelineFor(everyKind, 'STRUCTURAL').map((s) => s.id)).not.toContain('committee');
  });

  test('a role smuggled into a stage changes nothing: roles are national', () => {
    const smuggled = { stages: patchStages([{ id: 'verification', sla: 'P1D', role: 'hr' } as never]) };
    expect(pipelineFor(smuggled, 'REGULAR')[0]).toEqual({ id: 'verification', role: 'verifier', sla: 'P1D' });
  });
});

test('agencyCalendar: national holidays plus the agency’s, sorted and without duplicates', () => {
  expect(agencyCalendar({ timeZone: 'Asia/Makassar', holidays: ['2026-03-03', '2026-01-01'] }, ['2026-01-01', '2026-03-19'])).toEqual({
    timeZone: 'Asia/Makassar',
    holidays: ['2026-01-01', '2026-03-03', '2026-03-19'],
  });
});

describe('ConfigureAgency', () => {
  test('omitted holidays, stages, units, signatory and objection SLA mean the defaults', () => {
    spec.when(configure()).then([configured()]);
  });

  test('stores the zone, holidays (sorted, deduplicated), a stage patch, units with parents, the signatory and the objection SLA', () => {
    const units = [
      { id: 'setda', name: 'Sekretariat Daerah' },
      { id: 'bagian-umum', name: 'Bagian Umum', parentId: 'setda' },
    ];
    const signatory = { name: 'Jeffry Sentana S. Putra', title: 'Wali Kota Langsa' };
    spec
      .when(
        configure({
          timeZone: 'Asia/Jayapura',
          holidays: ['2026-12-26', '2026-01-02', '2026-12-26'],
          stages: [
            { id: 'committee', requiredFor: ['REGULAR', 'STRUCTURAL'] },
            { id: 'bkn', sla: 'P4D' },
          ],
          units,
          signatory,
          objectionSla: 'P10D',
        }),
      )
      .then([
        configured({
          timeZone: 'Asia/Jayapura',
          holidays: ['2026-01-02', '2026-12-26'],
          stages: [
            { id: 'verification', sla: 'P2D' },
            { id: 'committee', sla: 'P5D', requiredFor: ['REGULAR', 'STRUCTURAL'] },
            { id: 'approval', sla: 'P3D' },
            { id: 'bkn', sla: 'P4D' },
            { id: 'decree', sla: 'P5D' },
          ],
          units: [
            { id: 'setda', name: 'Sekretariat Daerah', parentId: null },
            { id: 'bagian-umum', name: 'Bagian Umum', parentId: 'setda' },
          ],
          signatory,
          objectionSla: 'P10D',
        }),
      ]);
  });

  test('each configuration increments configVersion; the state holds what was configured', () => {
    spec
      .given([configured(), configured({ name: 'Kota Langsa' })], defaultAgencySettings('pemkot-langsa'))
      .when(configure({ timeZone: 'Asia/Makassar', signatory: { name: 'Wali Kota', title: 'Wali Kota Langsa' } }))
      .thenState((state) => {
        expect(state).toMatchObject({
          configVersion: 3,
          timeZone: 'Asia/Makassar',
          name: 'Pemerintah Kota Langsa',
          signatory: { name: 'Wali Kota' },
        });
        expect(state.stages).toEqual(DEFAULT_STAGES);
      });
  });

  test.each<[string, Partial<ConfigureAgency['data']>, string]>([
    ['an unknown zone', { timeZone: 'Asia/Tokyo' }, 'timeZone'],
    ['a blank name', { name: '  ' }, 'name'],
    ['an impossible holiday', { holidays: ['2026-02-30'] }, 'holidays[0]'],
    ['a holiday that is no date', { holidays: ['Lebaran'] }, 'holidays[0]'],
    ['stages that are not a list', { stages: 'P2D' as never }, 'stages'],
    ['an unknown stage id', { stages: [{ id: 'final_approval' as never, sla: 'P2D' }] }, 'stages[0].id'],
    [
      'a stage listed twice',
      {
        stages: [
          { id: 'bkn', sla: 'P2D' },
          { id: 'bkn', sla: 'P3D' },
        ],
      },
      'stages[1].id',
    ],
    ['requiredFor on a mandatory stage', { stages: [{ id: 'verification', requiredFor: ['REGULAR'] }] }, 'stages[0].requiredFor'],
    ['requiredFor with an unknown kind', { stages: [{ id: 'committee', requiredFor: ['SELECTION' as never] }] }, 'stages[0].requiredFor'],
    ['requiredFor with a kind twice', { stages: [{ id: 'committee', requiredFor: ['REGULAR', 'REGULAR'] }] }, 'stages[0].requiredFor'],
    ['an SLA in weeks', { stages: [{ id: 'bkn', sla: 'P1W' }] }, 'stages[0].sla'],
    ['a zero SLA', { stages: [{ id: 'bkn', sla: 'PT0S' }] }, 'stages[0].sla'],
    ['an SLA over a year', { stages: [{ id: 'bkn', sla: 'P400D' }] }, 'stages[0].sla'],
    ['a unit id with capitals', { units: [{ id: 'Setda', name: 'Sekretariat' }] }, 'units[0].id'],
    [
      'a unit listed twice',
      {
        units: [
          { id: 'setda', name: 'A' },
          { id: 'setda', name: 'B' },
        ],
      },
      'units[1].id',
    ],
    ['a unit without a name', { units: [{ id: 'setda', name: '' }] }, 'units[0].name'],
    ['a parent not in the list', { units: [{ id: 'bagian-umum', name: 'Bagian Umum', parentId: 'setda' }] }, 'units[0].parentId'],
    ['a unit its own parent', { units: [{ id: 'setda', name: 'Setda', parentId: 'setda' }] }, 'units[0].parentId'],
    ['a signatory without a name', { signatory: { name: '', title: 'Wali Kota' } }, 'signatory.name'],
    ['a signatory without a title', { signatory: { name: 'Wali Kota', title: '' } }, 'signatory.title'],
    ['an objection SLA that is no duration', { objectionSla: '14 days' }, 'objectionSla'],
    ['a zero objection SLA', { objectionSla: 'P0D' }, 'objectionSla'],
  ])('refuses %s with VALIDATION_FAILED naming the field', (_label, data, field) => {
    const error = spec.when(configure(data)).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  test('reason codes name what is wrong', () => {
    spec.when(configure({ stages: [{ id: 'approval', requiredFor: [] }] })).thenThrows('VALIDATION_FAILED', 'AGENCY.STAGE_NOT_OPTIONAL');
    spec.when(configure({ objectionSla: 'PT0S' })).thenThrows('VALIDATION_FAILED', 'AGENCY.INVALID_SLA');
    spec.when(configure({ units: [{ id: 'x', name: 'X', parentId: 'y' }] })).thenThrows('VALIDATION_FAILED', 'AGENCY.UNKNOWN_PARENT_UNIT');
  });

  test('elapsed-time SLAs are fine, for stages and objections', () => {
    spec
      .when(configure({ stages: [{ id: 'verification', sla: 'PT2S' }], objectionSla: 'P1DT4H' }))
      .thenEvents(([event]) =>
        expect(event.data).toMatchObject({ objectionSla: 'P1DT4H', stages: expect.arrayContaining([{ id: 'verification', sla: 'PT2S' }]) }),
      );
  });

  test('lists every invalid field at once', () => {
    const error = spec.when(configure({ name: '', timeZone: 'UTC', holidays: ['x'] })).thenThrows('VALIDATION_FAILED');
    expect((error.details as { field: string }[]).map((d) => d.field)).toEqual(['name', 'timeZone', 'holidays[0]']);
  });

  test("another agency's configuration is NOT_FOUND", () => {
    spec.when(configure({ agencyId: 'pemkot-semarang' })).thenThrows('NOT_FOUND', 'AGENCY.OTHER_AGENCY');
  });
});
