/* Backups of everything local (FORMAT.md "Backup file"), by concern: format, sealing, create, inspect, restore. */
export {
  BACKUP_FORMAT,
  BACKUP_ITERATIONS,
  BACKUP_MIN_ITERATIONS,
  BACKUP_ERRORS_SAYING_UNCHANGED,
  BACKUP_VERSION,
  BackupError,
  type BackupErrorCode,
  type BackupHeader,
  type BackupTableSpec,
} from './format';
export { createBackup, type CreateBackupOptions } from './create';
export { inspectBackup, readBackupHeader, type BackupContents, type BackupSummary } from './inspect';
export {
  STALE_MS,
  eraseAll,
  recoverInterruptedRestore,
  restoreBackup,
  type LockManagerLike,
  type RestoreEnv,
  type StorageArea,
} from './restore';
