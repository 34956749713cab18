/** GraphQL documents of the alerts pack (alert CRUD goes through REST, as in the reference server). */

export const AI_SUMMARIZE_ALERT = /* GraphQL */ `
  mutation AISummarizeAlert($input: AISummarizeAlertInput!) {
    aiSummarizeAlert(input: $input) {
      streamId
    }
  }
`;

export const AI_INFERENCE_STREAM = /* GraphQL */ `
  query AIInferenceStream($streamId: String!) {
    aiInferenceStream(streamId: $streamId) {
      error
      finished
      responseText
      streamId
    }
  }
`;

export const AI_INFERENCE_STREAMS_METADATA = /* GraphQL */ `
  query AIInferenceStreamsMetadata($input: AIInferenceStreamsMetadataInput!) {
    aiInferenceStreamsMetadata(input: $input) {
      edges {
        node {
          streamId
        }
      }
    }
  }
`;

export const METRICS_ALERTS_PER_SEVERITY = /* GraphQL */ `
  query GetMetricsAlertsPerSeverity($input: MetricsInput!) {
    metrics(input: $input) {
      alertsPerSeverity {
        label
        value
        breakdown
      }
      totalAlerts
    }
  }
`;

export const METRICS_ALERTS_PER_RULE = /* GraphQL */ `
  query GetMetricsAlertsPerRule($input: MetricsInput!) {
    metrics(input: $input) {
      alertsPerRule {
        entityId
        label
        value
      }
      totalAlerts
    }
  }
`;

export interface AIInferenceStream {
  readonly error?: string | null;
  readonly finished: boolean;
  readonly responseText: string;
  readonly streamId: string;
}

export interface AIInferenceStreamResult {
  readonly aiInferenceStream: AIInferenceStream | null;
}

export interface AISummarizeAlertResult {
  readonly aiSummarizeAlert: { readonly streamId: string };
}

export interface AIInferenceStreamsMetadataResult {
  readonly aiInferenceStreamsMetadata: {
    readonly edges: readonly { readonly node: { readonly streamId: string } }[];
  } | null;
}

export interface SeriesWithBreakdown {
  readonly label: string;
  readonly value: number;
  readonly breakdown?: Readonly<Record<string, number>> | null;
}

export interface SeriesWithEntityId {
  readonly entityId: string;
  readonly label: string;
  readonly value: number;
}

export interface MetricsResult<K extends string, S> {
  readonly metrics: { readonly totalAlerts: number } & { readonly [key in K]: readonly S[] | null };
}
