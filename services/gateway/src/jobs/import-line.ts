// One line of an import file: a JSON item in the POST /v1/items item shape.
import type { ValidateFunction } from 'ajv';
import type { PushItem } from '../schemas.js';

/** The item on the line, or why it is not one. */
export function parseImportLine(line: string, validate: ValidateFunction): PushItem | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (!validate(value))
    return `not an item: ${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`;
  const item = value as PushItem;
  if (!(item.title || item.content || item.summary || item.url))
    return 'an item needs at least one of title, summary, content or url';
  return item;
}
