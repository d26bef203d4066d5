/** Any source id the collector accepts (config/sluice.yaml sources, pushed batches, imports). */
export const SOURCE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$';
export const SOURCE_ID_REGEX = new RegExp(SOURCE_ID_PATTERN);
export const SOURCE_ID_RULE = 'source ids use letters, digits and _ . : - (max 100 characters)';

/** Ids of sources managed through the API (admin.proto SourceDefinition): a stricter subset. */
export const MANAGED_SOURCE_ID_PATTERN = '^[a-z0-9][a-z0-9_.-]{0,63}$';
