import { InvalidSourceError, type PlatformSourceKind, validateSource } from '@labpulse/connectors';
import { InvalidParametersException, type ParameterError } from '../common/invalid-parameters.exception';

const MAX_OPTION_KEYS = 20;
const MAX_OPTION_STRING = 500;
const OPTION_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
// Credentials live in config, never in a source: a key that names one is refused, so options can
// never carry a token into the database, the API's responses or the logs.
const CREDENTIAL_WORDS = [
  'token',
  'bearer',
  'secret',
  'passw',
  'apikey',
  'accesskey',
  'authoriz',
  'credential',
  'cookie',
  'session',
  'privatekey',
  'signature',
];
const CREDENTIAL_KEYS = new Set(['auth', 'key', 'pwd', 'jwt', 'sig']);
const CREDENTIAL_VALUE = /^(bearer|basic|oauth)\s/i;

/**
 * Checks a platform source's target and options: their shape here, then the connector's own rules
 * (the InvalidSourceError fetchPage would throw), each reported as a 400 naming the field.
 */
export function assertValidSource(source: {
  kind: PlatformSourceKind;
  target: string;
  options: Record<string, unknown>;
}): void {
  const shape = optionShapeErrors(source.options);
  if (shape.length > 0) throw new InvalidParametersException(shape);
  // Target first, with default options, so an error is pinned on the right field.
  connectorCheck(
    () => validateSource({ ...source, options: {} }),
    () => 'target',
  );
  connectorCheck(() => validateSource(source), optionField);
}

/** Options are a flat object of scalars: every connector option is one, and nothing can hide in a nested value. */
export function optionShapeErrors(options: Record<string, unknown>): ParameterError[] {
  const entries = Object.entries(options);
  if (entries.length > MAX_OPTION_KEYS)
    return [{ parameter: 'options', message: `options may hold at most ${MAX_OPTION_KEYS} keys` }];
  const errors: ParameterError[] = [];
  for (const [key, value] of entries) {
    const parameter = `options.${key}`;
    if (isCredentialKey(key)) {
      errors.push({ parameter, message: 'credentials are configured on the server (environment), never in a source' });
    } else if (!OPTION_KEY.test(key)) {
      errors.push({ parameter, message: 'option names are letters, digits and _ (at most 64)' });
    } else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      errors.push({ parameter, message: 'an option is a string, number, boolean or null' });
    } else if (typeof value === 'string' && value.length > MAX_OPTION_STRING) {
      errors.push({ parameter, message: `an option string is at most ${MAX_OPTION_STRING} characters` });
    } else if (typeof value === 'string' && CREDENTIAL_VALUE.test(value.trim())) {
      errors.push({ parameter, message: 'credentials are configured on the server (environment), never in a source' });
    }
  }
  return errors;
}

function isCredentialKey(key: string): boolean {
  const folded = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return CREDENTIAL_KEYS.has(folded) || CREDENTIAL_WORDS.some((word) => folded.includes(word));
}

function connectorCheck(check: () => void, field: (message: string) => string): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof InvalidSourceError)) throw error;
    throw InvalidParametersException.single(field(error.message), error.message);
  }
}

/** Connector messages read "option pageSize must be ..."; name the key when they do. */
function optionField(message: string): string {
  const key = /^option (\w+) /.exec(message)?.[1];
  return key ? `options.${key}` : 'options';
}
