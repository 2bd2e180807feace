import { ApiProperty } from '@nestjs/swagger';

const table = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;

/** The national reference data in force (reference/national-*.json): each table keeps its own shape and `validFrom`. */
export class ReferenceDataResponse {
  @ApiProperty({ example: '2026.1', description: 'The version every case records it was evaluated under' })
  version: string;

  @ApiProperty({ example: '2026-01-01' })
  publishedOn: string;

  @ApiProperty(table('KP periods: the TMT dates allowed in each period'))
  kpPeriods: object;

  @ApiProperty(table('National holidays and collective leave by year'))
  holidays: object;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'III/a': 'Penata Muda' },
    description: 'Rank name by grade',
  })
  rankNames: object;

  @ApiProperty(table('Education levels: entry grade and reguler ceiling'))
  education: object;

  @ApiProperty(table('Service exams (ujian dinas) and the education that exempts them'))
  serviceExams: object;

  @ApiProperty(table('Grade range by eselon'))
  eselonRanges: object;

  @ApiProperty(table('Grade range by jenjang'))
  jenjangRanges: object;

  @ApiProperty(table('Credit-point coefficients, shares by predikat and targets'))
  creditPoints: object;

  @ApiProperty(table('Decree authority by target grade'))
  decreeAuthority: object;

  @ApiProperty(table('Predikat distribution bounds by organisation rating'))
  distribution: object;

  @ApiProperty(table('The berkas: document types per KP kind, derived types'))
  documents: object;
}
