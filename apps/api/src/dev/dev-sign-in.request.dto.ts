import { Matches } from 'class-validator';

export class DevSignInRequest {
  @Matches(/^[0-9]{18}$/, { message: 'nip must be 18 digits' })
  nip: string;
}
