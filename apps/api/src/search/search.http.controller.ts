import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentActor, Roles, type Actor } from '#auth';
import { CLOCK, type Clock } from '#config';
import { gradeInForce, localDate, searchWords, type ApprovedPromotion, type Grade } from '#domain';
import { DATA_SOURCE, poolOf, prepared } from '#event-store';
import { ApiAnswer, ApiAuthenticated, ApiErrorAnswer } from '../http/openapi.js';
import { ReadModels } from '../queries/read-models.js';

class EmployeeHitResponse {
  @ApiProperty({ example: '198507122010011001' }) nip: string;
  @ApiProperty({ example: 'Cut Nyak Meutia' }) name: string;
  @ApiProperty({ example: 'dinas-kesehatan' }) unitId: string;
  @ApiProperty({ example: 'III/b', description: 'The grade in force today' }) grade: string;
}

class CaseHitResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '198507122010011001' }) nip: string;
  @ApiProperty({ example: 'Cut Nyak Meutia' }) name: string;
  @ApiProperty({ example: 'REGULAR' }) kind: string;
  @ApiProperty({ example: 'IN_PROGRESS' }) status: string;
  @ApiProperty({ type: String, nullable: true, example: 'verification' }) stage: string | null;
}

class SearchResponse {
  @ApiProperty({ type: [EmployeeHitResponse] }) employees: EmployeeHitResponse[];
  @ApiProperty({ type: [CaseHitResponse] }) cases: CaseHitResponse[];
}

export class SearchQuery {
  @ApiProperty({ example: 'siti rah', description: 'Name words (any word prefix, accents and case ignored) or an NIP prefix' })
  @IsString()
  @Length(1, 100)
  q: string;
}

const LIMIT = 20;
const NIP_PREFIX = /^\d{1,18}$/;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Employees and cases of the actor's agency by name or NIP. Every query word must start a word of
 * the name; best match first: an NIP equal to the query, then names starting with the query, then
 * the rest by name.
 */
@ApiTags('queries')
@ApiAuthenticated()
@Controller('api/search')
export class SearchController {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('hr', 'verifier', 'committee', 'ppk', 'bkn', 'auditor', 'admin')
  @ApiAnswer(200, SearchResponse, 'Employees and cases by name words or NIP prefix, at most 20 of each, best match first')
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: q is missing or longer than 100 characters')
  async search(@Query() { q }: SearchQuery, @CurrentActor() actor: Actor) {
    const text = q.trim();
    const nip = NIP_PREFIX.test(text) ? `${text}%` : null;
    const words = nip ? [] : searchWords(text);
    if (!nip && words.length === 0) return { employees: [], cases: [] };
    // Each word must start a word of the folded name: ' ' || name LIKE '% word%'.
    const patterns = words.map((w) => `% ${escapeLike(w)}%`);
    const starts = words.length > 0 ? `${escapeLike(words.join(' '))}%` : null;
    const pool = poolOf(this.db);
    const today = localDate(this.clock.now().toISOString(), await this.readModels.timeZoneOf(actor.agency));
    const match = `agency_id = $1 AND (($2::text IS NOT NULL AND nip LIKE $2) OR
      (cardinality($3::text[]) > 0 AND (' ' || search_name) LIKE ALL ($3::text[])))`;
    const rank = `CASE WHEN nip = $5 THEN 0 WHEN $4::text IS NOT NULL AND search_name LIKE $4 THEN 1 ELSE 2 END`;
    const params = [actor.agency, nip, patterns, starts, text, LIMIT];
    const [employees, cases] = await Promise.all([
      pool.query<{ nip: string; name: string; unit_id: string; grade: Grade; grade_since: string; changes: ApprovedPromotion[] }>(
        prepared(
          `SELECT nip, name, unit_id, grade, grade_since::text AS grade_since,
             (SELECT coalesce(json_agg(json_build_object('toGrade', to_grade, 'effectiveDate', effective_date::text)
                ORDER BY effective_date, approved_at), '[]') FROM career_grade_changes g WHERE g.nip = e.nip) AS changes
           FROM career_employees e WHERE ${match} ORDER BY ${rank}, search_name, nip LIMIT $6`,
          params,
        ),
      ),
      pool.query<{ case_id: string; nip: string; name: string; kind: string; status: string; stage: string | null }>(
        prepared(
          `SELECT case_id, nip, name, kind, status, stage FROM promotion_cases WHERE ${match}
           ORDER BY ${rank}, (status IN ('IN_PROGRESS', 'RETURNED')) DESC, proposed_at DESC, case_id LIMIT $6`,
          params,
        ),
      ),
    ]);
    return {
      employees: employees.rows.map((e) => ({
        nip: e.nip,
        name: e.name,
        unitId: e.unit_id,
        grade: gradeInForce({ grade: e.grade, gradeSince: e.grade_since }, e.changes, today).grade,
      })),
      cases: cases.rows.map((c) => ({
        caseId: c.case_id,
        nip: c.nip,
        name: c.name,
        kind: c.kind,
        status: c.status,
        stage: c.status === 'IN_PROGRESS' || c.status === 'RETURNED' ? c.stage : null,
      })),
    };
  }
}
