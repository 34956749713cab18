/**
 * Persistence under `dataDir`: the changes made through the API (alert status and assignee, comments,
 * edited detections) are kept in `sandbox-state.json` and replayed over freshly generated data on start.
 * Generated data itself is not stored: the same seed regenerates it, relative to the new "now".
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxLogger } from '../types.js';
import type { PlatformStore, StoreListener } from './platformStore.js';
import type { AlertRecord, CommentDoc, Doc, ObjectKind } from './types.js';

const FILE = 'sandbox-state.json';
const VERSION = 1;

type AlertState = Pick<AlertRecord, 'status' | 'assigneeId' | 'updatedAt' | 'updatedBy'>;

interface StateFile {
  version: number;
  alerts: Record<string, AlertState>;
  comments: CommentDoc[];
  objects: Record<string, { kind: ObjectKind; doc: Doc }>;
}

const empty = (): StateFile => ({ version: VERSION, alerts: {}, comments: [], objects: {} });

export class StateJournal implements StoreListener {
  private state: StateFile = empty();
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    private readonly dir: string,
    private readonly logger: SandboxLogger,
  ) {}

  /** Loads the state file of `dir` (creating the folder), or starts empty. */
  static async open(dir: string, logger: SandboxLogger): Promise<StateJournal> {
    const journal = new StateJournal(dir, logger);
    await mkdir(dir, { recursive: true });
    let text: string | undefined;
    try {
      text = await readFile(join(dir, FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as StateFile;
        if (parsed.version !== VERSION) throw new Error(`unsupported version ${String(parsed.version)}`);
        journal.state = { ...empty(), ...parsed };
      } catch (error) {
        // Keep the unreadable file for inspection and start clean rather than refuse to start.
        const aside = join(dir, `${FILE}.unreadable-${Date.now()}`);
        await rename(join(dir, FILE), aside);
        logger.warn('sandbox state file unreadable; moved aside', { file: aside, error: String(error) });
      }
    }
    return journal;
  }

  /** Replays the saved changes onto a freshly generated store. */
  async apply(store: PlatformStore): Promise<{ alerts: number; comments: number; objects: number }> {
    let alerts = 0;
    for (const [id, state] of Object.entries(this.state.alerts)) {
      if ((await store.getAlert(id)) === undefined) continue;
      await store.restoreAlert(id, state);
      alerts++;
    }
    let comments = 0;
    for (const comment of this.state.comments) {
      if ((await store.getAlert(comment.alertId)) === undefined) continue;
      if ((await store.getComment(comment.id)) !== undefined) continue;
      await store.addComment(comment, false);
      comments++;
    }
    for (const { kind, doc } of Object.values(this.state.objects)) await store.putObject(kind, doc, false);
    return { alerts, comments, objects: Object.keys(this.state.objects).length };
  }

  alertChanged(record: AlertRecord): void {
    const { status, assigneeId, updatedAt, updatedBy } = record;
    this.state.alerts[record.doc.id] = { status, assigneeId, updatedAt, updatedBy };
    this.schedule();
  }

  commentAdded(comment: CommentDoc): void {
    this.state.comments.push(comment);
    this.schedule();
  }

  objectChanged(kind: ObjectKind, doc: Doc): void {
    this.state.objects[`${kind}/${doc.id}`] = { kind, doc };
    this.schedule();
  }

  /** Waits until every change so far is on disk. */
  async flush(): Promise<void> {
    this.schedule();
    await this.writing;
  }

  /** Writes are serialised; each writes the whole state to a temporary file, then renames it. */
  private schedule(): void {
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const target = join(this.dir, FILE);
      const temporary = `${target}.tmp`;
      try {
        await writeFile(temporary, JSON.stringify(this.state));
        await rename(temporary, target);
      } catch (error) {
        this.logger.error('sandbox state could not be saved', { file: target, error: String(error) });
      }
    });
  }
}
