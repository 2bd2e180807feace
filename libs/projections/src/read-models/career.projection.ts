import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables = 'career_employees' | 'career_grade_changes' | 'career_appraisals' | 'career_trainings' | 'career_sanctions';

/**
 * An employee's career as they and HR see it: registration, approved grade changes (the grade in
 * force is picked at read time, since an approval can take effect in the future), appraisals,
 * trainings and sanctions. The employee's open cases come from the promotion-cases projection.
 */
export const careerProjection: Projection<Tables> = {
  name: 'career',
  version: 1,
  tables: {
    career_employees: (t) => [
      `CREATE TABLE ${t} (
        nip text PRIMARY KEY,
        agency_id text NOT NULL,
        name text NOT NULL,
        unit_id text NOT NULL,
        grade text NOT NULL,
        grade_since date NOT NULL,
        position_title text NOT NULL,
        position_type text NOT NULL,
        registered_at timestamptz NOT NULL
      )`,
      `CREATE INDEX ${t}_agency_unit ON ${t} (agency_id, unit_id)`,
    ],
    career_grade_changes: (t) => [
      `CREATE TABLE ${t} (
        case_id text PRIMARY KEY,
        nip text NOT NULL,
        from_grade text NOT NULL,
        to_grade text NOT NULL,
        effective_date date NOT NULL,
        approved_at timestamptz NOT NULL
      )`,
      `CREATE INDEX ${t}_nip ON ${t} (nip, effective_date)`,
    ],
    career_appraisals: (t) => [
      `CREATE TABLE ${t} (
        appraisal_id text PRIMARY KEY,
        nip text NOT NULL,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        period integer NOT NULL,
        results text NOT NULL,
        behaviour text NOT NULL,
        predicate text NOT NULL,
        appraiser text NOT NULL,
        submitted_at timestamptz NOT NULL
      )`,
      `CREATE INDEX ${t}_nip ON ${t} (nip, period)`,
      `CREATE INDEX ${t}_agency_period ON ${t} (agency_id, period, unit_id)`,
    ],
    career_trainings: (t) => [
      `CREATE TABLE ${t} (
        training_id text PRIMARY KEY,
        nip text NOT NULL,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        title text NOT NULL,
        hours integer NOT NULL,
        kind text NOT NULL,
        provider text NOT NULL,
        completed_on date NOT NULL,
        certificate_no text NOT NULL
      )`,
      `CREATE INDEX ${t}_nip ON ${t} (nip, completed_on)`,
      `CREATE INDEX ${t}_agency_date ON ${t} (agency_id, completed_on, unit_id)`,
    ],
    career_sanctions: (t) => [
      `CREATE TABLE ${t} (
        sanction_id text PRIMARY KEY,
        nip text NOT NULL,
        level text NOT NULL,
        reason text NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL
      )`,
      `CREATE INDEX ${t}_nip ON ${t} (nip)`,
    ],
  },
  eventTypes: ['EmployeeRegistered', 'DisciplinarySanctionImposed', 'AppraisalSubmitted', 'TrainingCompleted', 'PromotionApproved'],
  apply: (db, tables, event) => applyCareerEvent(db, tables, event),
};

async function applyCareerEvent(db: EntityManager, t: TableNames<Tables>, event: StoredEvent): Promise<void> {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'EmployeeRegistered': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_employees} (nip, agency_id, name, unit_id, grade, grade_since, position_title, position_type, registered_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (nip) DO NOTHING`,
        [d.nip, d.agencyId, d.name, d.unitId, d.grade, d.gradeSince, d.positionTitle, d.positionType, at],
      );
      return;
    }
    case 'DisciplinarySanctionImposed': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_sanctions} (sanction_id, nip, level, reason, valid_from, valid_until)
         VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (sanction_id) DO NOTHING`,
        [d.sanctionId, d.nip, d.level, d.reason, d.from, d.until],
      );
      return;
    }
    case 'AppraisalSubmitted': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_appraisals} (appraisal_id, nip, agency_id, unit_id, period, results, behaviour, predicate, appraiser, submitted_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (appraisal_id) DO NOTHING`,
        [d.appraisalId, d.nip, event.metadata.agency, d.unitId, d.period, d.results, d.behaviour, d.predicate, d.appraiser, at],
      );
      return;
    }
    case 'TrainingCompleted': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_trainings} (training_id, nip, agency_id, unit_id, title, hours, kind, provider, completed_on, certificate_no)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (training_id) DO NOTHING`,
        [d.trainingId, d.nip, event.metadata.agency, d.unitId, d.title, d.hours, d.kind, d.provider, d.completedOn, d.certificateNo],
      );
      return;
    }
    case 'PromotionApproved': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_grade_changes} (case_id, nip, from_grade, to_grade, effective_date, approved_at)
         VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (case_id) DO NOTHING`,
        [d.caseId, d.nip, d.fromGrade, d.toGrade, d.effectiveDate, at],
      );
      return;
    }
    default:
      throw new Error(`career cannot apply ${event.type}`);
  }
}
