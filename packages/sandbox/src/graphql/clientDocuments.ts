/**
 * The GraphQL documents Panther clients send (mcp-panther's selections, panther-api.md and
 * mcp-panther-tools.md §4). Tests validate them against the sandbox schema; the tool packs may use them.
 */
export const CLIENT_DOCUMENTS: Record<string, string> = {
  ExecuteDataLakeQuery: `mutation ExecuteDataLakeQuery($input: ExecuteDataLakeQueryInput!) {
    executeDataLakeQuery(input: $input) { id } }`,
  GetDataLakeQuery: `query GetDataLakeQuery($id: ID!, $root: Boolean = false, $resultsInput: DataLakeQueryResultsInput) {
    dataLakeQuery(id: $id, root: $root) { id status message sql startedAt completedAt
      results(input: $resultsInput) { edges { node } pageInfo { hasNextPage endCursor }
        columnInfo { order types } stats { bytesScanned executionTime rowCount } } } }`,
  CancelDataLakeQuery: `mutation CancelDataLakeQuery($input: CancelDataLakeQueryInput!) { cancelDataLakeQuery(input: $input) { id } }`,
  ListDatabases: `query ListDatabases { dataLakeDatabases { name description } }`,
  ListTables: `query ListTables($databaseName: String!, $pageSize: Int, $cursor: String) {
    dataLakeDatabaseTables(input: {databaseName: $databaseName, pageSize: $pageSize, cursor: $cursor}) {
      edges { node { name description logType } } pageInfo { hasNextPage endCursor } } }`,
  GetColumnDetails: `query GetColumnDetails($databaseName: String!, $tableName: String!) {
    dataLakeDatabaseTable(input: {databaseName: $databaseName, tableName: $tableName}) {
      name displayName description logType columns { name type description } } }`,
  Sources: `query Sources($input: SourcesInput) { sources(input: $input) { edges { node {
    integrationId integrationLabel integrationType isEditable isHealthy lastEventProcessedAtTime
    lastEventReceivedAtTime lastModified logTypes
    ... on S3LogIntegration { awsAccountId kmsKey logProcessingRole logStreamType
      logStreamTypeOptions { jsonArrayEnvelopeField } managedBucketNotifications s3Bucket s3Prefix
      s3PrefixLogTypes { prefix logTypes excludedPrefixes } stackName } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
  ListSchemas: `query ListSchemas($input: SchemasInput!) { schemas(input: $input) { edges { node {
    name description revision isArchived isManaged referenceURL createdAt updatedAt } } } }`,
  GetSchemaDetails: `query GetSchemaDetails($name: String!) { schemas(input: {contains: $name}) { edges { node {
    name description spec version revision isArchived isManaged isFieldDiscoveryEnabled referenceURL
    discoveredSpec createdAt updatedAt } } } }`,
  GetMetricsAlertsPerSeverity: `query GetMetricsAlertsPerSeverity($input: MetricsInput!) {
    metrics(input: $input) { alertsPerSeverity { label value breakdown } totalAlerts } }`,
  GetMetricsAlertsPerRule: `query GetMetricsAlertsPerRule($input: MetricsInput!) {
    metrics(input: $input) { alertsPerRule { entityId label value } totalAlerts } }`,
  GetBytesProcessedMetrics: `query GetBytesProcessedMetrics($input: MetricsInput!) {
    metrics(input: $input) { bytesProcessedPerSource { label value breakdown } } }`,
  AISummarizeAlert: `mutation AISummarizeAlert($input: AISummarizeAlertInput!) { aiSummarizeAlert(input: $input) { streamId } }`,
  AIInferenceStream: `query AIInferenceStream($streamId: String!) {
    aiInferenceStream(streamId: $streamId) { error finished responseText streamId } }`,
  AIInferenceStreamsMetadata: `query AIInferenceStreamsMetadata($input: AIInferenceStreamsMetadataInput!) {
    aiInferenceStreamsMetadata(input: $input) { edges { node { streamId } } } }`,
  ListAlerts: `query ListAlerts($input: AlertsInput!) { alerts(input: $input) { edges { node {
    id title severity status createdAt type description reference runbook firstEventOccurredAt
    lastReceivedEventAt origin { ... on Detection { id name } } } }
    pageInfo { hasNextPage endCursor hasPreviousPage startCursor } } }`,
  GetAlert: `query GetAlert($id: ID!) { alert(id: $id) { id title severity status createdAt updatedAt type
    description reference runbook firstEventOccurredAt lastReceivedEventAt origin { ... on Detection { id name } } } }`,
  UpdateAlertStatus: `mutation UpdateAlertStatus($input: UpdateAlertStatusByIdInput!) {
    updateAlertStatusById(input: $input) { alerts { id status updatedAt } } }`,
  UpdateAlertsAssigneeById: `mutation UpdateAlertsAssigneeById($input: UpdateAlertsAssigneeByIdInput!) {
    updateAlertsAssigneeById(input: $input) { alerts { id assignee { id email givenName familyName } } } }`,
  CreateAlertComment: `mutation CreateAlertComment($input: CreateAlertCommentInput!) {
    createAlertComment(input: $input) { comment { id body createdAt createdBy { ... on User { id email givenName familyName } } format } } }`,
  GeneralSettings: `query GeneralSettings { generalSettings { pantherVersion } }`,
};
