import { describe, expect, test } from '@jest/globals';
import { DEFAULT_OBJECTION_SLA, DEFAULT_SIGNATORY, defaultAgencySettings, patchStages, type AgencyConfigured } from '#domain';
import { projectionSpec } from '#testing';
import { agencyProjection } from './agency.projection.js';

const ADMIN = '197001012000011001';
const OTHER_ADMIN = '197202022001012002';
/** The national pipeline with its default SLAs: the committee only for STRUCTURAL. */
const NATIONAL = defaultAgencySettings('any').stages;

const configured = (agencyId: string, overrides: Partial<AgencyConfigured['data']> = {}): AgencyConfigured => ({
  type: 'AgencyConfigured',
  data: {
    agencyId,
    name: `Pemerintah ${agencyId}`,
    timeZone: 'Asia/Jakarta',
    holidays: ['2026-03-19'],
    stages: NATIONAL,
    units: [],
    signatory: DEFAULT_SIGNATORY,
    objectionSla: DEFAULT_OBJECTION_SLA,
    ...overrides,
  },
});

describe('agencies projection', () => {
  const spec = projectionSpec(agencyProjection);

  test('a first configuration becomes the agency row, versioned 1, stamped with who and when', () =>
    spec
      .given([])
      .when([{ ...configured('pemkot-langsa'), metadata: { actor: ADMIN, occurredAt: '2026-01-05T02:00:00.000Z' } }])
      .then(async (db, t) => {
        const rows = await db.query(`SELECT * FROM ${t.agency_configs}`);
        expect(rows).toEqual([
          {
            agency_id: 'pemkot-langsa',
            name: 'Pemerintah pemkot-langsa',
            time_zone: 'Asia/Jakarta',
            holidays: ['2026-03-19'],
            stages: NATIONAL,
            units: [],
            signatory: DEFAULT_SIGNATORY,
            objection_sla: 'PT336H',
            config_version: 1,
            configured_at: new Date('2026-01-05T02:00:00.000Z'),
            configured_by: ADMIN,
          },
        ]);
      }));

  test('a later configuration replaces the whole row and carries the stream version', () =>
    spec
      .given([{ ...configured('pemkot-langsa'), metadata: { actor: ADMIN } }])
      .when([
        {
          ...configured('pemkot-langsa', {
            name: 'Pemkot Langsa',
            timeZone: 'Asia/Makassar',
            holidays: [],
            stages: patchStages([
              { id: 'approval', sla: 'PT48H' },
              { id: 'committee', requiredFor: ['STRUCTURAL', 'REGULAR'] },
            ]),
            units: [{ id: 'dinas-kesehatan', name: 'Dinas Kesehatan', parentId: null }],
            signatory: { name: 'Wali Kota Langsa', title: 'Pejabat Pembina Kepegawaian' },
            objectionSla: 'P10D',
          }),
          metadata: { actor: OTHER_ADMIN, occurredAt: '2026-02-01T00:00:00.000Z' },
        },
      ])
      .then(async (db, t) => {
        const rows = await db.query(`SELECT * FROM ${t.agency_configs}`);
        expect(rows).toEqual([
          {
            agency_id: 'pemkot-langsa',
            name: 'Pemkot Langsa',
            time_zone: 'Asia/Makassar',
            holidays: [],
            // The whole pipeline: the patched stages, the others at their national defaults; no roles anywhere.
            stages: NATIONAL.map((stage) =>
              stage.id === 'approval'
                ? { id: 'approval', sla: 'PT48H' }
                : stage.id === 'committee'
                  ? { ...stage, requiredFor: ['STRUCTURAL', 'REGULAR'] }
                  : stage,
            ),
            units: [{ id: 'dinas-kesehatan', name: 'Dinas Kesehatan', parentId: null }],
            signatory: { name: 'Wali Kota Langsa', title: 'Pejabat Pembina Kepegawaian' },
            objection_sla: 'P10D',
            config_version: 2,
            configured_at: new Date('2026-02-01T00:00:00.000Z'),
            configured_by: OTHER_ADMIN,
          },
        ]);
      }));

  test('agencies are kept apart, each with its own version', () =>
    spec
      .given([configured('pemkot-langsa'), configured('pemkab-aceh-timur')])
      .when([configured('pemkot-langsa', { name: 'Kota Langsa' })])
      .then(async (db, t) => {
        const rows = await db.query(`SELECT agency_id, name, config_version FROM ${t.agency_configs} ORDER BY agency_id`);
        expect(rows).toEqual([
          { agency_id: 'pemkab-aceh-timur', name: 'Pemerintah pemkab-aceh-timur', config_version: 1 },
          { agency_id: 'pemkot-langsa', name: 'Kota Langsa', config_version: 2 },
        ]);
      }));

  test('events it does not handle leave no row', () =>
    spec
      .given([
        {
          type: 'TrainingCompleted',
          data: {
            trainingId: 'tr-1',
            nip: '198507122010011001',
            unitId: 'dinas-kesehatan',
            title: 'Analisis Kebijakan',
            hours: 24,
            kind: 'TECHNICAL',
            provider: 'LAN',
            completedOn: '2026-02-20',
            certificateNo: 'LAN-1',
            deliveryMode: 'CLASSROOM',
          },
        },
      ])
      .then(async (db, t) => {
        expect(await db.query(`SELECT * FROM ${t.agency_configs}`)).toEqual([]);
      }));
});
