import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LAB_LIMITS } from '@labpulse/labs';

const TERM_LIST = { each: true, message: '$property must be an array of strings' };
const TERMS_MAX = LAB_LIMITS.termsPerList;
const TERMS_MAX_MESSAGE = { message: `$property must hold at most ${TERMS_MAX} items` };

/** The editable parts of a catalogue entry (libs/labs LabDefinition); semantic checks follow in LabsService. */
export class LabUpdateDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(TERMS_MAX, TERMS_MAX_MESSAGE) @IsString(TERM_LIST) aliases?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(TERMS_MAX, TERMS_MAX_MESSAGE) @IsString(TERM_LIST) products?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(TERMS_MAX, TERMS_MAX_MESSAGE) @IsString(TERM_LIST) people?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(TERMS_MAX, TERMS_MAX_MESSAGE) @IsString(TERM_LIST) handles?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(TERMS_MAX, TERMS_MAX_MESSAGE) @IsString(TERM_LIST) hashtags?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(TERMS_MAX, TERMS_MAX_MESSAGE) @IsString(TERM_LIST) context?: string[];

  /** Ambiguous names and their evidence rules; each entry is checked by validateLabDefinition. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LAB_LIMITS.ambiguousTerms, {
    message: `ambiguous must hold at most ${LAB_LIMITS.ambiguousTerms} entries`,
  })
  @IsObject({ each: true, message: 'ambiguous must be an array of objects' })
  ambiguous?: Array<Record<string, unknown>>;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class LabCreateDto extends LabUpdateDto {
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case kebab (a-z, 0-9, "-")' })
  @Length(1, 63)
  slug!: string;

  @IsString()
  @Length(1, 200)
  declare name: string;
}
