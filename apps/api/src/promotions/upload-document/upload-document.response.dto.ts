import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_TYPES, type DocumentType } from '#domain';
import { CommandPosition } from '../../http/openapi.js';

export class UploadDocumentResponse extends CommandPosition {
  @ApiProperty({ format: 'uuid', example: '7d1f0c2a-4b3e-4f5a-9c8d-2e1f0a3b4c5d' })
  documentId: string;

  @ApiProperty({ enum: DOCUMENT_TYPES, enumName: 'DocumentType', example: 'LAST_GRADE_DECREE' })
  type: DocumentType;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'SHA-256 of the bytes, hex' })
  sha256: string;

  @ApiProperty({ type: Number, example: 182344, description: 'Bytes' })
  size: number;
}
