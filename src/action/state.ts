/** Names of the values the main step leaves in the action's state for the post step. */
export const STATE_PROCESSES = 'processes'
export const STATE_CACHES = 'caches'
/** The baseline to save (save-baseline): one cache entry, as serializeRestored writes it. */
export const STATE_BASELINE = 'baseline'
