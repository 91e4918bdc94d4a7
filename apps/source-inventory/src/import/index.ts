export { importCli, IMPORT_USAGE, type CliOutput } from './import-cli';
export { runImport } from './run-import';
export type { ImportOptions, ImportProgress, ImportSummary } from './import-types';
export { ImportFormatError, IMPORT_HEADER, type RejectedRow } from './import-row';
export { generateCsv, MISSING_SOURCE, type GenerateCsvOptions } from './generate-csv';
export { sourceExistsInStore, type SourceExists } from './source-exists';
export { withoutMultiStreamAppend } from './chunk-writer';
export { runImportBench, type ImportBenchOptions, type ImportBenchResult } from './import.bench';
