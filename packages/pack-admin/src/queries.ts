/** GraphQL documents of the admin pack. */

/** One page of log sources; Panther has no server-side filters here (`SourcesInput` = `{cursor}`). */
export const LIST_LOG_SOURCES = /* GraphQL */ `
  query ListLogSources($input: SourcesInput) {
    sources(input: $input) {
      edges {
        node {
          integrationId
          integrationLabel
          integrationType
          isEditable
          isHealthy
          lastEventProcessedAtTime
          lastEventReceivedAtTime
          lastModified
          logTypes
          ... on S3LogIntegration {
            awsAccountId
            s3Bucket
            s3Prefix
            logStreamType
            s3PrefixLogTypes { prefix logTypes excludedPrefixes }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export interface LogSourcesData {
  sources: {
    edges: {
      node: Record<string, unknown> & { logTypes?: string[]; isHealthy?: boolean; integrationType?: string };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  };
}

/** Bytes processed per log type (series label) over a window, with a per-interval breakdown. */
export const BYTES_PROCESSED = /* GraphQL */ `
  query BytesProcessedMetrics($input: MetricsInput!) {
    metrics(input: $input) {
      bytesProcessedPerSource { label value breakdown }
    }
  }
`;

export interface BytesProcessedData {
  metrics: { bytesProcessedPerSource: { label: string; value: number; breakdown: Record<string, number> }[] };
}
