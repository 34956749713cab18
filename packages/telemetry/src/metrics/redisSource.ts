/** What the metrics read of a set of Redis parts (`createRedisParts` from @mcp-panther/redis fits it). */
export interface RedisSource {
  /** `connecting`, `up` or `down`. */
  readonly state: string;
  stats(): {
    readonly outages: number;
    readonly rejoins: number;
    readonly fallbacks: Readonly<Record<string, number>>;
  };
}
