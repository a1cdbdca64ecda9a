import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** API-key credentials, the shape shared by every provider today. */
export class ApiKeyCredentials {
  @ApiProperty({
    description: 'Secret API key or token at the provider. Write-only: never returned.',
    example: 'sk_test_51H...',
  })
  @IsString()
  @MinLength(8)
  @MaxLength(4096)
  @Matches(/^\S+$/, { message: 'apiKey must not contain whitespace' })
  apiKey: string;
}

/** Providers without options validate settings against this: any field is unknown. */
export class NoSettings {}
