/**
 * The GraphQL schema the sandbox serves: a subset of Panther's published schema (same type, field,
 * argument and enum names and types; schema.test.ts checks it against ../shared/panther-api), plus
 * two additions the live API has and the published file lacks:
 *   - aiInferenceStreamsMetadata(input: AIInferenceStreamsMetadataInput!) and its output types;
 *   - GenericLogIntegration, an implementation of LogIntegration for sources that are not S3.
 */
export const ADDED_TYPES: readonly string[] = [
  'AIInferenceStreamsMetadataInput',
  'AIInferenceStreamsMetadataOutput',
  'AIInferenceStreamsMetadataEdge',
  'AIInferenceStreamMetadata',
  'GenericLogIntegration',
];
export const ADDED_QUERY_FIELDS: readonly string[] = ['aiInferenceStreamsMetadata'];

export const SCHEMA_SDL = /* GraphQL */ `
scalar DateTime
scalar Email
scalar JSON
scalar Long
scalar Timestamp

type Query {
  aiInferenceStream(streamId: String!): AIInferenceStream!
  "Sandbox addition (used by mcp-panther): the AI inference streams of an alias, oldest first."
  aiInferenceStreamsMetadata(input: AIInferenceStreamsMetadataInput!): AIInferenceStreamsMetadataOutput!
  alert(id: ID!): Alert!
  alerts(input: AlertsInput!): AlertsOutput!
  dataLakeDatabase(name: String!): DataLakeDatabase!
  dataLakeDatabaseTable(input: DataLakeDatabaseTableInput!): DataLakeDatabaseTable!
  dataLakeDatabaseTables(input: DataLakeDatabaseTablesInput!): DataLakeDatabaseTablesOutput!
  dataLakeDatabases: [DataLakeDatabase!]!
  dataLakeQueries(input: DataLakeQueriesInput): DataLakeQueriesOutput!
  dataLakeQuery(id: ID!, root: Boolean = false): DataLakeQuery!
  generalSettings: GeneralSettingsConfig!
  metrics(input: MetricsInput!): MetricsOutput!
  roleById(id: ID!): Role!
  roleByName(name: String!): Role!
  roles(input: RolesInput): [Role!]!
  schemas(input: SchemasInput!): SchemasOutput!
  source(id: ID!): LogIntegration
  sources(input: SourcesInput): SourcesOutput!
  userByEmail(email: String!): User!
  userById(id: ID!): User!
  users: [User!]!
}

type Mutation {
  aiSummarizeAlert(input: AISummarizeAlertInput!): AISummarizeLogEventsOutput!
  cancelDataLakeQuery(input: CancelDataLakeQueryInput!): CancelDataLakeQueryOutput!
  createAlertComment(input: CreateAlertCommentInput!): CreateAlertCommentOutput!
  executeDataLakeQuery(input: ExecuteDataLakeQueryInput!): ExecuteDataLakeQueryOutput!
  updateAlertStatusById(input: UpdateAlertStatusByIdInput!): UpdateAlertStatusByIdOutput!
  updateAlertsAssigneeByEmail(input: UpdateAlertsAssigneeByEmailInput!): UpdateAlertsAssigneeByEmailOutput!
  updateAlertsAssigneeById(input: UpdateAlertsAssigneeByIdInput!): UpdateAlertsAssigneeByIdOutput!
}

input AIInferenceStreamsMetadataInput {
  alias: String!
}

type AIInferenceStreamsMetadataOutput {
  edges: [AIInferenceStreamsMetadataEdge!]!
}

type AIInferenceStreamsMetadataEdge {
  node: AIInferenceStreamMetadata!
}

type AIInferenceStreamMetadata {
  streamId: ID!
  alias: String!
  createdAt: DateTime!
  finished: Boolean!
}

type GenericLogIntegration implements LogIntegration {
  createdAtTime: DateTime!
  createdBy: Actor
  integrationId: ID!
  integrationLabel: String!
  integrationType: String!
  isEditable: Boolean!
  isHealthy: Boolean!
  lastEventProcessedAtTime: DateTime
  lastEventReceivedAtTime: DateTime
  lastModified: DateTime
  logTypes: [String!]!
}

type AIInferenceStream {
  error: String
  finished: Boolean!
  responseText: String!
  streamId: ID!
}

input AISummarizeAlertInput {
  alertId: ID!
  conversationId: ID
  metadata: AISummarizeMetadata
  outputLength: OutputLength = medium
  prompt: String
  skipAlert: Boolean
  skipAlertComments: Boolean
  skipAlertEvents: Boolean
}

enum AISummarizeKind {
  alert
  alertList
  detectionTests
  events
  overview
  queryResults
}

type AISummarizeLogEventsOutput {
  streamId: ID!
}

input AISummarizeMetadata {
  kind: AISummarizeKind
  page: String
}

type APIToken {
  allowedCIDRBlocks: [String!]!
  createdAt: DateTime!
  createdBy: User!
  expiresAt: DateTime
  id: ID!
  lastUsedAt: DateTime
  name: String!
  permissions: [Permission!]!
  rotatedAt: DateTime
  rotatedBy: Actor
  updatedAt: DateTime
  updatedBy: User
  value: String
}

union Actor = APIToken | User

type ActorProfile {
  addresses: [Address!]
  departments: [String!]
  displayNames: [String!]
  emails: [String!]
  employmentStatus: [String!]
  entityId: String!
  firstObservedAt: DateTime
  jobTitles: [String!]
  lastLoginAt: DateTime
  managers: [String!]
  organizations: [String!]
  phones: [String!]
  usernames: [String!]
}

type Address {
  city: String!
  countryCode: String!
  postalCode: String!
  region: String!
  streetAddress: String!
}

type Alert {
  assignee: User
  createdAt: DateTime!
  deliveries: [AlertDelivery]!
  description: String!
  events(input: AlertEventsInput): AlertEventsOutput
  firstEventOccurredAt: DateTime
  id: ID!
  lastReceivedEventAt: DateTime!
  origin: AlertOrigin!
  reference: String!
  runbook: String!
  severity: Severity!
  status: AlertStatus!
  title: String!
  type: AlertType!
  updatedAt: DateTime
  updatedBy: Actor
}

type AlertDelivery {
  dispatchedAt: DateTime!
  label: String!
  message: String!
  outputId: ID!
  statusCode: Int!
  success: Boolean!
  url: String!
}

input AlertEventsInput {
  cursor: String
  pageSize: Int = 25
}

type AlertEventsOutput {
  edges: [AlertEventsOutputEdge!]!
  pageInfo: CursorBasedPaginationPageInfo!
}

type AlertEventsOutputEdge {
  node: JSON!
}

enum AlertListingType {
  ALERT
  DETECTION_ERROR
  SYSTEM_ERROR
}

union AlertOrigin = DeletedDetection | Detection | SystemError

enum AlertStatus {
  CLOSED
  OPEN
  RESOLVED
  TRIAGED
}

enum AlertType {
  POLICY
  RULE
  RULE_ERROR
  SCHEDULED_RULE
  SCHEDULED_RULE_ERROR
  SYSTEM_ERROR
}

input AlertsInput {
  assigneeIds: [ID!]
  createdAtAfter: DateTime
  createdAtBefore: DateTime
  cursor: String
  detectionId: ID
  eventCountMax: Int
  eventCountMin: Int
  logSources: [String!]
  logTypes: [String!]
  nameContains: String
  pageSize: Int = 25
  resourceTypes: [String!]
  severities: [Severity!]
  sortBy: AlertsSortFieldsEnum
  sortDir: SortDirEnum = descending
  statuses: [AlertStatus!]
  subtypes: [AlertType!]
  type: AlertListingType = ALERT
}

type AlertsOutput {
  edges: [AlertsOutputEdge!]!
  pageInfo: AlertsOutputPageInfo!
}

type AlertsOutputEdge {
  node: Alert!
}

type AlertsOutputPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

enum AlertsSortFieldsEnum {
  createdAt
}

input CancelDataLakeQueryInput {
  id: ID!
}

type CancelDataLakeQueryOutput {
  id: ID!
}

type Comment {
  body: String!
  createdAt: DateTime!
  createdBy: Actor!
  entity: CommentEntity!
  format: CommentFormat!
  id: ID!
}

union CommentEntity = Alert

enum CommentFormat {
  HTML
  PLAIN_TEXT
}

input CreateAlertCommentInput {
  alertId: ID!
  body: String!
  format: CommentFormat = PLAIN_TEXT
}

type CreateAlertCommentOutput {
  comment: Comment!
}

type CursorBasedPaginationPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type DataLakeDatabase {
  description: String
  name: String!
  tables: [DataLakeDatabaseTable!]!
}

type DataLakeDatabaseTable {
  columns: [DataLakeDatabaseTableColumn!]!
  description: String
  displayName: String
  logType: String
  name: String!
  numMatches: Int
}

type DataLakeDatabaseTableColumn {
  description: String
  name: String!
  type: String
}

input DataLakeDatabaseTableInput {
  databaseName: String!
  tableName: String!
}

type DataLakeDatabaseTablesEdges {
  node: DataLakeDatabaseTable!
}

input DataLakeDatabaseTablesInput {
  cursor: String
  databaseName: String!
  pageSize: Int = 25
}

type DataLakeDatabaseTablesOutput {
  edges: [DataLakeDatabaseTablesEdges!]!
  pageInfo: DataLakeDatabaseTablesOutputPageInfo!
}

type DataLakeDatabaseTablesOutputPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

input DataLakeQueriesInput {
  contains: String
  cursor: String
  isScheduled: Boolean
  issuedBy: [ID!]
  pageSize: Int = 25
  sortBy: DataLakeQueriesSortFields = startedAt
  sortDir: SortDirEnum = descending
  startedAtAfter: DateTime
  startedAtBefore: DateTime
  status: [DataLakeQueryStatus!]
}

type DataLakeQueriesOutput {
  edges: [DataLakeQueryEdge!]!
  pageInfo: DataLakeQueriesOutputPageInfo!
}

type DataLakeQueriesOutputPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

enum DataLakeQueriesSortFields {
  startedAt
}

type DataLakeQuery {
  children: [DataLakeQuery!]!
  completedAt: DateTime
  id: ID!
  isScheduled: Boolean!
  issuedBy: Actor
  message: String!
  name: String
  results(input: DataLakeQueryResultsInput): DataLakeQueryResults
  sql: String!
  startedAt: DateTime!
  status: DataLakeQueryStatus!
}

type DataLakeQueryEdge {
  node: DataLakeQuery!
}

type DataLakeQueryResultEdge {
  id: String
  node: JSON!
}

type DataLakeQueryResultRecordsPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type DataLakeQueryResults {
  actorProfiles: [ActorProfile!]!
  columnInfo: DataLakeQueryResultsColumnInfo!
  edges: [DataLakeQueryResultEdge!]!
  pageInfo: DataLakeQueryResultRecordsPageInfo!
  stats: DataLakeQueryStats!
  tryAgain: Boolean!
}

type DataLakeQueryResultsColumnInfo {
  order: [String!]!
  types: JSON!
}

input DataLakeQueryResultsInput {
  cursor: String
  pageSize: Int = 999
}

type DataLakeQueryStats {
  bytesScanned: Float!
  executionTime: Float!
  rowCount: Float!
}

enum DataLakeQueryStatus {
  cancelled
  failed
  running
  succeeded
}

type DeletedDetection {
  id: ID!
}

type Detection {
  createdAt: DateTime!
  createdBy: Actor
  description: String
  id: ID!
  name: String!
  type: DetectionType!
  updatedAt: DateTime
  updatedBy: Actor
}

enum DetectionType {
  CORRELATION_RULE
  DERIVED_RULE
  POLICY
  RULE
  SCHEDULED_RULE
}

input ExecuteDataLakeQueryInput {
  databaseName: String = "panther_logs"
  sql: String!
}

type ExecuteDataLakeQueryOutput {
  id: ID!
}

type GeneralSettingsConfig {
  pantherVersion: String
}

interface LogIntegration {
  createdAtTime: DateTime!
  createdBy: Actor
  integrationId: ID!
  integrationLabel: String!
  integrationType: String!
  isEditable: Boolean!
  isHealthy: Boolean!
  lastEventProcessedAtTime: DateTime
  lastEventReceivedAtTime: DateTime
  lastModified: DateTime
  logTypes: [String!]!
}

enum LogStreamType {
  Auto
  CloudWatchLogs
  JSON
  JsonArray
  Lines
}

type LogStreamTypeOptions {
  jsonArrayEnvelopeField: String
}

enum LogTypeAccessKind {
  ALLOW
  ALLOW_ALL
  DENY
  DENY_ALL
}

input MetricsInput {
  fromDate: DateTime!
  intervalInMinutes: Int
  toDate: DateTime!
}

type MetricsOutput {
  alertsPerRule: [SeriesWithEntityID!]
  alertsPerSeverity: [SeriesWithBreakdown!]!
  bytesIngestedPerSource: [Series!]
  bytesProcessedPerSource: [SeriesWithBreakdown!]!
  bytesQueriedPerSource: [SeriesWithBreakdown!]!
  eventsProcessedPerLogType: [SeriesWithBreakdown!]!
  latencyPerLogType: [Series!]
  totalAlerts: Float!
  totalBytesIngested: Float!
  totalBytesProcessed: Float!
  totalBytesQueried: Float!
  totalEventsProcessed: Float!
}

enum OutputLength {
  large
  largest
  medium
  small
  xlarge
  xsmall
}

enum Permission {
  AlertModify
  AlertRead
  BulkUpload
  CloudsecSourceModify
  CloudsecSourceRead
  DataAnalyticsModify
  DataAnalyticsRead
  DestinationModify
  DestinationRead
  GeneralSettingsModify
  GeneralSettingsRead
  LogSourceModify
  LogSourceRawDataRead
  LogSourceRead
  LookupModify
  LookupRead
  OrganizationAPITokenModify
  OrganizationAPITokenRead
  PolicyModify
  PolicyRead
  ResourceModify
  ResourceRead
  RuleModify
  RuleRead
  RunPantherAI
  SummaryRead
  UserModify
  UserRead
}

enum RelatedComponent {
  CLOUD_ACCOUNT
  DESTINATION
  DETECTION
  ENRICHMENT
  LOG_SOURCE
  LOOKUP_TABLE
  SAVED_QUERY
}

type Role {
  createdAt: DateTime!
  id: ID!
  logTypeAccess: [String!]
  logTypeAccessKind: LogTypeAccessKind!
  name: String!
  permissions: [Permission!]!
  updatedAt: Timestamp!
  updatedBy: Actor
}

input RolesInput {
  nameContains: String
  sortDir: SortDirEnum
}

type S3LogIntegration implements LogIntegration {
  awsAccountId: String!
  createdAtTime: DateTime!
  createdBy: Actor
  integrationId: ID!
  integrationLabel: String!
  integrationType: String!
  isEditable: Boolean!
  isHealthy: Boolean!
  kmsKey: String
  lastEventProcessedAtTime: DateTime
  lastEventReceivedAtTime: DateTime
  lastModified: DateTime
  logProcessingRole: String
  logStreamType: LogStreamType
  logStreamTypeOptions: LogStreamTypeOptions
  logTypes: [String!]!
  managedBucketNotifications: Boolean!
  s3Bucket: String!
  s3Prefix: String
  s3PrefixLogTypes: [S3PrefixLogTypes!]!
  stackName: String!
}

type S3PrefixLogTypes {
  excludedPrefixes: [String!]!
  logTypes: [String!]!
  prefix: String!
}

type Schema {
  createdAt: String!
  description: String
  discoveredSpec: String!
  isArchived: Boolean!
  isFieldDiscoveryEnabled: Boolean!
  isManaged: Boolean!
  name: String!
  referenceURL: String
  revision: Int!
  spec: String!
  updatedAt: String
  version: Int!
}

input SchemasInput {
  contains: String
  cursor: String
  isArchived: Boolean
  isInUse: Boolean
  isManaged: Boolean
}

type SchemasOutput {
  edges: [SchemasOutputEdge!]!
  pageInfo: SchemasOutputPageInfo!
}

type SchemasOutputEdge {
  node: Schema!
}

type SchemasOutputPageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type Series {
  label: String!
  value: Float!
}

type SeriesWithBreakdown {
  breakdown: JSON!
  label: String!
  value: Float!
}

type SeriesWithEntityID {
  entityId: ID!
  label: String!
  value: Float!
}

enum Severity {
  CRITICAL
  HIGH
  INFO
  LOW
  MEDIUM
}

enum SortDirEnum {
  ascending
  descending
}

input SourcesInput {
  cursor: String
}

type SourcesOutput {
  edges: [SourcesOutputEdge!]!
  pageInfo: CursorBasedPaginationPageInfo!
}

type SourcesOutputEdge {
  node: LogIntegration!
}

type SystemError {
  relatedComponent: RelatedComponent!
  type: SystemErrorType!
}

enum SystemErrorType {
  ALERT_DELIVERY
  DETECTION_ALERT_LIMIT_EXCEEDED
  SOURCE_CLASSIFICATION_FAILURES
  SOURCE_LOG_PROCESSING_ERRORS
  SOURCE_NO_DATA
  SOURCE_PERMISSIONS_CHECKS
  SOURCE_SCANNING_ERRORS
}

input UpdateAlertStatusByIdInput {
  ids: [ID!]!
  status: AlertStatus!
}

type UpdateAlertStatusByIdOutput {
  alerts: [Alert!]!
}

input UpdateAlertsAssigneeByEmailInput {
  assigneeEmail: String
  ids: [ID!]!
}

type UpdateAlertsAssigneeByEmailOutput {
  alerts: [Alert!]!
}

input UpdateAlertsAssigneeByIdInput {
  assigneeId: ID
  ids: [ID!]!
}

type UpdateAlertsAssigneeByIdOutput {
  alerts: [Alert!]!
}

type User {
  createdAt: DateTime!
  email: Email!
  enabled: Boolean!
  familyName: String
  givenName: String
  id: ID!
  lastLoggedInAt: DateTime
  role: Role!
  status: String!
}

`;
