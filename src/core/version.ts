// Versions written into cases and reports.
export const LOUPE_VERSION = '0.1.0';
/** Bumped whenever a parser's output for the same input changes. */
export const PARSER_VERSION = '1';
