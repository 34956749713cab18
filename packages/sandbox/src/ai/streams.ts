/**
 * AI inference streams. A stream's text is fixed when it starts; each poll reveals more of it (the full
 * text so far, as Panther does) and the second poll finishes it.
 */
import { randomUUID } from 'node:crypto';

export interface AiStream {
  streamId: string;
  /** What the stream is about (the alert id for alert triage). */
  alias: string;
  createdAt: Date;
  text: string;
  polls: number;
}

export const POLLS_TO_FINISH = 2;

export class AiStreams {
  private readonly streams = new Map<string, AiStream>();

  start(alias: string, text: string, createdAt = new Date(), finished = false): AiStream {
    const stream: AiStream = {
      streamId: randomUUID(),
      alias,
      createdAt,
      text,
      polls: finished ? POLLS_TO_FINISH : 0,
    };
    this.streams.set(stream.streamId, stream);
    return stream;
  }

  /** One poll: returns the text so far and whether it is complete. */
  poll(streamId: string): { stream: AiStream; responseText: string; finished: boolean } | undefined {
    const stream = this.streams.get(streamId);
    if (stream === undefined) return undefined;
    stream.polls = Math.min(stream.polls + 1, POLLS_TO_FINISH);
    const finished = stream.polls >= POLLS_TO_FINISH;
    if (finished) return { stream, responseText: stream.text, finished };
    const cut = stream.text.lastIndexOf(
      ' ',
      Math.floor((stream.text.length * stream.polls) / POLLS_TO_FINISH),
    );
    return { stream, responseText: stream.text.slice(0, Math.max(0, cut)), finished };
  }

  /** Streams of an alias, oldest first (clients take the last as the newest). */
  byAlias(alias: string): AiStream[] {
    return [...this.streams.values()]
      .filter((s) => s.alias === alias)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}
