import type { EntityManager } from 'typeorm';
import {
  EDUCATION_LEVELS,
  EMPLOYEE_EVENT_TYPES,
  employeeDecider,
  isEmployeeEvent,
  searchKey,
  type EmployeeEvent,
  type EmployeeState,
  type Post,
  type StoredEvent,
} from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables =
  'career_employees' | 'career_grade_changes' | 'career_appraisals' | 'career_trainings' | 'career_sanctions' | 'career_history';

/**
 * An employee's career as they and HR see it: registration, approved grade changes (the grade in
 * force is picked at read time, since an approval can take effect in the future), appraisals,
 * trainings, sanctions, and the record's history (posts, education, transfers, PAKs, exams,
 * sanctions). The employee's open cases come from the promotion-cases projection.
 * Version 2: education, the post with its eselon/jenjang and TMT, the superior, typed sanctions, history.
 * Version 3: the record as the domain folds it (`record`, for the rules the read side reuses:
 * credit points, the nominative list), and the name's search key.
 */
export const careerProjection: Projection<Tables> = {
  name: 'career',
  version: 3,
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
        registered_at timestamptz NOT NULL,
        education text,
        eselon text,
        jenjang text,
        position_since date NOT NULL,
        superior_nip text,
        search_name text NOT NULL,
        record jsonb NOT NULL
      )`,
      `CREATE INDEX ${t}_agency_unit ON ${t} (agency_id, unit_id)`,
      `CREATE INDEX ${t}_search ON ${t} (agency_id, search_name text_pattern_ops)`,
      `CREATE INDEX ${t}_nip_prefix ON ${t} (agency_id, nip text_pattern_ops)`,
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
        type text NOT NULL,
        reason text NOT NULL,
        decree_number text,
        decree_date date,
        valid_from date NOT NULL,
        valid_until date,
        annulment jsonb
      )`,
      `CREATE INDEX ${t}_nip ON ${t} (nip)`,
    ],
    // One line per fact of the record, keyed by the event that stated it (replays write it once).
    career_history: (t) => [
      `CREATE TABLE ${t} (
        global_position bigint PRIMARY KEY,
        nip text NOT NULL,
        at date NOT NULL,
        what text NOT NULL
      )`,
      `CREATE INDEX ${t}_nip ON ${t} (nip, at, global_position)`,
    ],
  },
  eventTypes: [...EMPLOYEE_EVENT_TYPES, 'AppraisalSubmitted', 'TrainingCompleted', 'PromotionApproved'],
  apply: (db, tables, event) => applyCareerEvent(db, tables, event),
};

/** A post as a history line: `Analis Kebijakan (FUNGSIONAL AHLI_MUDA)`. */
function describePost(post: Post): string {
  const level = post.eselon ?? post.jenjang;
  return `${post.title} (${post.type}${level ? ` ${level}` : ''})`;
}

async function addHistory(db: EntityManager, t: TableNames<Tables>, event: StoredEvent, nip: string, at: string, what: string) {
  await db.query(`INSERT INTO ${t.career_history} (global_position, nip, at, what) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, [
    event.globalPosition,
    nip,
    at,
    what,
  ]);
}

/** The record as the employee decider folds it: the rules the read side reuses read this, never a copy of it. */
async function foldRecord(db: EntityManager, t: TableNames<Tables>, event: Extract<StoredEvent, EmployeeEvent>): Promise<void> {
  const [row]: { record: EmployeeState }[] = await db.query(`SELECT record FROM ${t.career_employees} WHERE nip = $1`, [event.data.nip]);
  if (!row) return;
  await db.query(`UPDATE ${t.career_employees} SET record = $2::jsonb WHERE nip = $1`, [
    event.data.nip,
    JSON.stringify(employeeDecider.evolve(row.record, event)),
  ]);
}

async function applyCareerEvent(db: EntityManager, t: TableNames<Tables>, event: StoredEvent): Promise<void> {
  await applyCareerFacts(db, t, event);
  if (isEmployeeEvent(event) && event.type !== 'EmployeeRegistered') await foldRecord(db, t, event);
}

async function applyCareerFacts(db: EntityManager, t: TableNames<Tables>, event: StoredEvent): Promise<void> {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'EmployeeRegistered': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_employees} (nip, agency_id, name, unit_id, grade, grade_since, position_title, position_type, registered_at,
           education, eselon, jenjang, position_since, superior_nip, search_name, record)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16::jsonb) ON CONFLICT (nip) DO NOTHING`,
        [
          d.nip,
          d.agencyId,
          d.name,
          d.unitId,
          d.grade,
          d.gradeSince,
          d.post.title,
          d.post.type,
          at,
          d.education,
          d.post.eselon,
          d.post.jenjang,
          d.post.since,
          d.superiorNip,
          searchKey(d.name),
          JSON.stringify(employeeDecider.evolve(employeeDecider.initialState(), event)),
        ],
      );
      return;
    }
    case 'EducationRecorded': {
      const d = event.data;
      // The view shows the highest level, whatever order the diplomas were recorded in.
      await db.query(
        `UPDATE ${t.career_employees} SET education = $2
         WHERE nip = $1 AND (education IS NULL OR array_position($3::text[], education) < array_position($3::text[], $2))`,
        [d.nip, d.level, EDUCATION_LEVELS],
      );
      await addHistory(db, t, event, d.nip, d.graduatedOn, `Education: ${d.level}, ${d.institution}`);
      return;
    }
    case 'PostChanged': {
      const d = event.data;
      await db.query(
        `UPDATE ${t.career_employees} SET unit_id = $2, position_title = $3, position_type = $4, eselon = $5, jenjang = $6,
           position_since = $7, superior_nip = $8 WHERE nip = $1`,
        [d.nip, d.unitId, d.post.title, d.post.type, d.post.eselon, d.post.jenjang, d.post.since, d.superiorNip],
      );
      await addHistory(db, t, event, d.nip, d.since, `Post (${d.reason}): ${describePost(d.post)} in ${d.unitId}`);
      return;
    }
    case 'EmployeeTransferred': {
      const d = event.data;
      await db.query(`UPDATE ${t.career_employees} SET agency_id = $2 WHERE nip = $1`, [d.nip, d.toAgency]);
      await addHistory(db, t, event, d.nip, d.since, `Transfer: ${d.fromAgency} to ${d.toAgency}`);
      return;
    }
    case 'CreditPointsStated': {
      const d = event.data;
      await addHistory(db, t, event, d.nip, d.statedOn, `PAK ${d.pakNumber}: ${d.points} credit points`);
      return;
    }
    case 'ServiceExamPassed': {
      const d = event.data;
      await addHistory(db, t, event, d.nip, d.passedOn, `Service exam level ${d.level} passed (${d.certificateNo})`);
      return;
    }
    case 'DisciplinarySanctionImposed': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.career_sanctions} (sanction_id, nip, level, type, reason, decree_number, decree_date, valid_from, valid_until)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (sanction_id) DO NOTHING`,
        [d.sanctionId, d.nip, d.level, d.type, d.reason, d.decreeNumber, d.decreeDate, d.from, d.until],
      );
      const term = d.until ? ` until ${d.until}` : '';
      await addHistory(db, t, event, d.nip, d.from, `Sanction ${d.level} ${d.type}${d.decreeNumber ? ` (${d.decreeNumber})` : ''}${term}`);
      return;
    }
    case 'SanctionAnnulled': {
      const d = event.data;
      await db.query(`UPDATE ${t.career_sanctions} SET annulment = $2 WHERE sanction_id = $1`, [
        d.sanctionId,
        JSON.stringify({ decreeNumber: d.decreeNumber, decreeDate: d.decreeDate, reason: d.reason }),
      ]);
      await addHistory(db, t, event, d.nip, d.decreeDate, `Sanction annulled (${d.decreeNumber})`);
      return;
    }
    case 'DisciplinaryExaminationOpened': {
      const d = event.data;
      await addHistory(db, t, event, d.nip, d.openedOn, `Disciplinary examination opened: ${d.reason}`);
      return;
    }
    case 'DisciplinaryExaminationClosed': {
      const d = event.data;
      await addHistory(db, t, event, d.nip, d.closedOn, `Disciplinary examination closed: ${d.outcome}`);
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
