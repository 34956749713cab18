/** Long text shortened with a marker that says how much was left out (the one marker of every cut text). */

export function shortenedMarker(length: number, kept: number): string {
  return `…[shortened: ${length - kept} of ${length} characters left out]`;
}

/** `text` cut to its first `keep` characters plus the marker; unchanged when it is not longer than `max`. */
export function shortenText(text: string, max: number, keep: number = max): string {
  return text.length <= max ? text : `${text.slice(0, keep)}${shortenedMarker(text.length, keep)}`;
}
