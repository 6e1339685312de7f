import { invalid } from './app-error.ts';

/**
 * A name a person must fill in, trimmed. The schemas ask for at least one character; this refuses
 * the ones that are only spaces, which would otherwise be stored as an empty name.
 */
export function requiredText(raw: string, field: string): string {
  const text = raw.trim();
  if (text === '') throw invalid('NAME_REQUIRED', `${field} may not be blank`, field);
  return text;
}
