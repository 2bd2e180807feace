import { describe, expect, test } from '@jest/globals';
import { agencyDecider, defaultAgencySettings } from './agency.js';
import { EVENT_SCHEMA_VERSIONS, type AgencyConfigured, type EventType, type PromotionEvent } from './events.js';
import { promotionDecider, type PromotionState } from './promotion/promotion.decider.js';
import { MissingUpcasterError, UPCASTERS, upcastEvent } from './upcasters.js';

const v1Training = {
  type: 'TrainingCompleted',
  schemaVersion: 1,
  data: {
    trainingId: 't-1',
    nip: '198507122010011001',
    unitId: 'u',
    title: 'T',
    hours: 24,
    kind: 'MANAGERIAL',
    provider: 'P',
    completedOn: '2016-02-20',
    certificateNo: 'C-1',
  },
};

describe('upcasters', () => {
  test('every version below the current one of every type has an upcaster', () => {
    for (const [type, current] of Object.entries(EVENT_SCHEMA_VERSIONS) as [EventType, number][]) {
      for (let v = 1; v < current; v++) expect(UPCASTERS.some((u) => u.type === type && u.fromVersion === v)).toBe(true);
    }
  });

  test('a v1 TrainingCompleted reads as v2 with deliveryMode UNKNOWN, and the stored object is untouched', () => {
    const frozen = JSON.parse(JSON.stringify(v1Training));
    const upcast = upcastEvent(v1Training);
    expect(upcast).toEqual({ ...v1Training, schemaVersion: 2, data: { ...v1Training.data, deliveryMode: 'UNKNOWN' } });
    expect(v1Training).toEqual(frozen);
  });

  test('current, newer and unknown events pass through as they are', () => {
    const v2 = { ...v1Training, schemaVersion: 2, data: { ...v1Training.data, deliveryMode: 'ONLINE' } };
    expect(upcastEvent(v2)).toBe(v2);
    const v3 = { ...v2, schemaVersion: 3 };
    expect(upcastEvent(v3)).toBe(v3);
    const unknown = { type: 'SomethingElse', schemaVersion: 1, data: {} };
    expect(upcastEvent(unknown)).toBe(unknown);
  });

  test('upcasting stops at the version asked for; beyond the last upcaster is an error', () => {
    expect(upcastEvent(v1Training, 1)).toBe(v1Training);
    expect(upcastEvent(v1Training, 2)).toEqual(upcastEvent(v1Training));
    expect(() => upcastEvent(v1Training, 3)).toThrow(MissingUpcasterError);
  });

  test('a gap in the chain is an error, not a silent half-upcast', () => {
    expect(() => upcastEvent({ ...v1Training, schemaVersion: 0 })).toThrow(MissingUpcasterError);
  });
});

// ---------------------------------------------------------------------------------------------
// v1 → v2 of the events the KP rewrite changed: the current readers fold them

const NIP = '198507122010011001';

describe('EmployeeRegistered v1 → v2', () => {
  const v1 = {
    type: 'EmployeeRegistered',
    schemaVersion: 1,
    data: {
      nip: NIP,
      name: 'Cut Nyak Meutia',
      agencyId: 'pemkot-langsa',
      unitId: 'dinkes',
      grade: 'III/b',
      gradeSince: '2021-01-01',
      positionTitle: 'Analis Kebijakan',
      positionType: 'PELAKSANA',
    },
  };

  test('the post is built from the title and type, from the grade TMT; education and superior unknown', () => {
    expect(upcastEvent(v1)).toEqual({
      type: 'EmployeeRegistered',
      schemaVersion: 2,
      data: {
        nip: NIP,
        name: 'Cut Nyak Meutia',
        agencyId: 'pemkot-langsa',
        unitId: 'dinkes',
        grade: 'III/b',
        gradeSince: '2021-01-01',
        education: null,
        post: { type: 'PELAKSANA', title: 'Analis Kebijakan', eselon: null, jenjang: null, since: '2021-01-01' },
        superiorNip: null,
      },
    });
  });
});

describe('DisciplinarySanctionImposed v1 → v2', () => {
  test('the PP 94/2021 type is UNSPECIFIED and the decree unknown; level and term stay', () => {
    const v1 = {
      type: 'DisciplinarySanctionImposed',
      schemaVersion: 1,
      data: { nip: NIP, sanctionId: 's-1', level: 'MODERATE', reason: 'Absence', from: '2025-01-01', until: '2025-12-31' },
    };
    expect(upcastEvent(v1).data).toEqual({ ...v1.data, type: 'UNSPECIFIED', decreeNumber: null, decreeDate: null });
  });
});

describe('AgencyConfigured v1 → v2', () => {
  const v1 = (stages: unknown) => ({
    type: 'AgencyConfigured',
    schemaVersion: 1,
    data: {
      agencyId: 'pemkot-langsa',
      name: 'Pemerintah Kota Langsa',
      timeZone: 'Asia/Jakarta',
      holidays: ['2026-01-02'],
      stages,
      meritPolicy: { version: 3, regularYearsInGrade: 3 },
    },
  });

  test('the merit policy and self-named stages are dropped; a v1 committee ran for every kind', () => {
    const upcast = upcastEvent(
      v1([
        { id: 'verification', role: 'verifier', sla: 'P1D' },
        { id: 'committee', role: 'committee', sla: 'P4D' },
        { id: 'final_approval', role: 'ppk', sla: 'P3D' },
      ]),
    );
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({
      agencyId: 'pemkot-langsa',
      name: 'Pemerintah Kota Langsa',
      timeZone: 'Asia/Jakarta',
      holidays: ['2026-01-02'],
      stages: [
        { id: 'verification', sla: 'P1D' },
        { id: 'committee', sla: 'P4D', requiredFor: ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING'] },
      ],
      units: [],
      signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
      objectionSla: 'PT336H',
    });
  });

  test('a v1 pipeline without a committee has it off', () => {
    const upcast = upcastEvent(
      v1([
        { id: 'verification', role: 'verifier', sla: 'P2D' },
        { id: 'approval', role: 'ppk', sla: 'P2D' },
      ]),
    );
    expect(upcast.data.stages).toEqual([
      { id: 'verification', sla: 'P2D' },
      { id: 'approval', sla: 'P2D' },
      { id: 'committee', sla: 'P5D', requiredFor: [] },
    ]);
  });

  test('the agency decider folds the lifted event onto the national pipeline', () => {
    const upcast = upcastEvent(v1([{ id: 'verification', role: 'verifier', sla: 'P1D' }]));
    const state = agencyDecider.evolve(defaultAgencySettings('pemkot-langsa'), upcast as unknown as AgencyConfigured);
    expect(state.stages).toEqual([
      { id: 'verification', sla: 'P1D' },
      { id: 'committee', sla: 'P5D', requiredFor: [] },
      { id: 'approval', sla: 'P3D' },
      { id: 'bkn', sla: 'P2D' },
      { id: 'decree', sla: 'P5D' },
    ]);
    expect(state).not.toHaveProperty('meritPolicy');
  });
});

describe('PromotionProposed and PromotionApproved v1 → v2', () => {
  const v1Proposed = {
    type: 'PromotionProposed',
    schemaVersion: 1,
    data: {
      caseId: 'case-old',
      nip: NIP,
      name: 'Cut Nyak Meutia',
      unitId: 'dinkes',
      agencyId: 'pemkot-langsa',
      kind: 'SELECTION',
      fromGrade: 'III/b',
      toGrade: 'III/c',
      effectiveDate: '2025-04-01',
      justification: 'Pilihan',
      eligible: false,
      exception: true,
      exceptionJustification: 'Needed for the new hospital',
      rules: [
        { rule: 'YEARS_IN_GRADE', passed: false, detail: '3 of 4 years' },
        { rule: 'APPRAISALS', passed: true, detail: 'BAIK, BAIK' },
      ],
      policyVersion: 2,
      configVersion: 1,
      timeZone: 'Asia/Jakarta',
      holidays: [],
      stages: [
        { id: 'verification', role: 'verifier', sla: 'P2D' },
        { id: 'committee', role: 'committee', sla: 'P5D' },
        { id: 'approval', role: 'ppk', sla: 'P3D' },
      ],
      proposer: '197803152005012002',
      stage: 'verification',
      enteredAt: '2025-01-06T03:00:00.000Z',
      dueAt: '2025-01-08T03:00:00.000Z',
    },
  };
  const v1Approved = {
    type: 'PromotionApproved',
    schemaVersion: 1,
    data: {
      caseId: 'case-old',
      nip: NIP,
      stage: 'approval',
      decidedBy: '196512311990031004',
      reason: null,
      fromGrade: 'III/b',
      toGrade: 'III/c',
      effectiveDate: '2025-04-01',
    },
  };

  test('a v1 SELECTION case reads as STRUCTURAL, every rule blocking, no exception fields, an empty berkas, PPK authority', () => {
    const { data, schemaVersion } = upcastEvent(v1Proposed);
    expect(schemaVersion).toBe(2);
    expect(data).toMatchObject({
      kind: 'STRUCTURAL',
      referenceVersion: 'merit-policy-2',
      documents: [],
      authority: 'PPK',
      signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
    });
    expect(data.rules).toEqual([
      { rule: 'YEARS_IN_GRADE', passed: false, detail: '3 of 4 years', blocking: true },
      { rule: 'APPRAISALS', passed: true, detail: 'BAIK, BAIK', blocking: true },
    ]);
    for (const gone of ['exception', 'exceptionJustification', 'policyVersion']) expect(data).not.toHaveProperty(gone);
  });

  test('other v1 kinds keep their name', () => {
    expect(upcastEvent({ ...v1Proposed, data: { ...v1Proposed.data, kind: 'REGULAR' } }).data.kind).toBe('REGULAR');
  });

  test('a v1 approval has no decree', () => {
    expect(upcastEvent(v1Approved)).toEqual({ ...v1Approved, schemaVersion: 2, data: { ...v1Approved.data, decree: null } });
  });

  test('the promotion decider folds a lifted v1 case: three stages, closed at approval without a decree', () => {
    const events = [upcastEvent(v1Proposed), upcastEvent(v1Approved)] as unknown as PromotionEvent[];
    const state = events.reduce<PromotionState>((s, e) => promotionDecider.evolve(s, e), promotionDecider.initialState());
    expect(state).toMatchObject({
      exists: true,
      kind: 'STRUCTURAL',
      status: 'APPROVED',
      stage: null,
      decree: null,
      authority: 'PPK',
      berkas: [],
    });
  });

  test('a v1 case still open runs out its old pipeline: approving its last stage approves it without a decree', () => {
    const open = upcastEvent(v1Proposed) as unknown as PromotionEvent;
    const at = (now: string) => ({ agency: 'pemkot-langsa', now });
    const decide = (state: PromotionState, actor: string, role: 'verifier' | 'committee' | 'ppk', now: string) =>
      promotionDecider.decide(
        { type: 'DecidePromotion', data: { decision: 'APPROVE' }, metadata: { actor, roles: [role], ...at(now) } },
        state,
      );
    let state = promotionDecider.evolve(promotionDecider.initialState(), open);
    for (const [actor, role, now] of [
      ['198001012006041001', 'verifier', '2025-01-07T03:00:00.000Z'],
      ['197501012000031001', 'committee', '2025-01-08T03:00:00.000Z'],
    ] as const) {
      state = decide(state, actor, role, now).reduce((s, e) => promotionDecider.evolve(s, e), state);
    }
    const [last] = decide(state, '196512311990031004', 'ppk', '2025-01-09T03:00:00.000Z');
    expect(last).toMatchObject({ type: 'PromotionApproved', data: { stage: 'approval', decree: null, toGrade: 'III/c' } });
  });

  test('a stored v1 approval carries no decree on replay, and the lifted copy leaves the stored one untouched', () => {
    const stored = JSON.parse(JSON.stringify(v1Approved));
    upcastEvent(v1Approved);
    expect(v1Approved).toEqual(stored);
  });
});
