import { ApiProperty } from '@nestjs/swagger';
import { IsIn, ValidateBy } from 'class-validator';
import { checkDocumentName, DOCUMENT_LIMITS, DOCUMENT_TYPES, type DocumentType } from '#domain';

/** The domain's file-name rule, with its own message. */
function IsDocumentName(): PropertyDecorator {
  let problem: string | null = null;
  return ValidateBy({
    name: 'isDocumentName',
    validator: {
      validate: (value) => (problem = checkDocumentName(value)) === null,
      defaultMessage: () => problem ?? 'name must be a file name',
    },
  });
}

/** What the upload's query string names; the file itself is the raw body. */
export class UploadDocumentQuery {
  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType', example: 'LAST_GRADE_DECREE' })
  @IsIn(DOCUMENT_TYPES as readonly string[], { message: `type must be one of ${DOCUMENT_TYPES.join(', ')}` })
  type: DocumentType;

  @ApiProperty({
    example: 'SK Pangkat III-b.pdf',
    minLength: 1,
    maxLength: DOCUMENT_LIMITS.nameMaxLength,
    description: 'The file name as shown to reviewers: no path separators or control characters',
  })
  @IsDocumentName()
  name: string;
}
