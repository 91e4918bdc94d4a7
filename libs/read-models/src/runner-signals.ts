import { EventEmitter } from 'events';

/**
 * Resolves once `emitter` emits `applied` with a checkpoint at or after `checkpoint`, or at once
 * if `current` already is there. Both projection runners expose this as their caught-up signal.
 */
export function waitForCheckpoint(
  emitter: EventEmitter,
  current: string | null,
  checkpoint: string,
  timeoutMs: number,
  name: string,
): Promise<void> {
  if (current !== null && current >= checkpoint) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off('applied', onApplied);
      reject(new Error(`projection ${name} did not reach ${checkpoint} in ${timeoutMs} ms`));
    }, timeoutMs);
    const onApplied = (cp: string): void => {
      if (cp < checkpoint) return;
      clearTimeout(timer);
      emitter.off('applied', onApplied);
      resolve();
    };
    emitter.on('applied', onApplied);
  });
}
