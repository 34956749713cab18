/** GraphQL documents of the data lake pack (selections as in ../shared/reference/panther-api.md §2.4, §2.7). */

export const EXECUTE_DATA_LAKE_QUERY = /* GraphQL */ `
  mutation ExecuteDataLakeQuery($input: ExecuteDataLakeQueryInput!) {
    executeDataLakeQuery(input: $input) {
      id
    }
  }
`;

/** Status, and (once succeeded) one page of results. `results` is null until the query has succeeded. */
export const GET_DATA_LAKE_QUERY = /* GraphQL */ `
  query GetDataLakeQuery($id: ID!, $resultsInput: DataLakeQueryResultsInput) {
    dataLakeQuery(id: $id) {
      id
      status
      message
      results(input: $resultsInput) {
        edges {
          node
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        columnInfo {
          order
          types
        }
        stats {
          bytesScanned
          executionTime
          rowCount
        }
      }
    }
  }
`;

export const CANCEL_DATA_LAKE_QUERY = /* GraphQL */ `
  mutation CancelDataLakeQuery($input: CancelDataLakeQueryInput!) {
    cancelDataLakeQuery(input: $input) {
      id
    }
  }
`;

export const LIST_DATABASES = /* GraphQL */ `
  query ListDatabases {
    dataLakeDatabases {
      name
      description
    }
  }
`;

export const LIST_TABLES = /* GraphQL */ `
  query ListTables($input: DataLakeDatabaseTablesInput!) {
    dataLakeDatabaseTables(input: $input) {
      edges {
        node {
          name
          description
          logType
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const GET_TABLE = /* GraphQL */ `
  query GetColumnDetails($input: DataLakeDatabaseTableInput!) {
    dataLakeDatabaseTable(input: $input) {
      name
      displayName
      description
      logType
      columns {
        name
        type
        description
      }
    }
  }
`;

export const LIST_SCHEMAS = /* GraphQL */ `
  query ListSchemas($input: SchemasInput!) {
    schemas(input: $input) {
      edges {
        node {
          name
          description
          revision
          isArchived
          isManaged
          referenceURL
          createdAt
          updatedAt
        }
      }
    }
  }
`;

export const GET_SCHEMA_DETAILS = /* GraphQL */ `
  query GetSchemaDetails($input: SchemasInput!) {
    schemas(input: $input) {
      edges {
        node {
          name
          description
          spec
          version
          revision
          isArchived
          isManaged
          isFieldDiscoveryEnabled
          referenceURL
          discoveredSpec
          createdAt
          updatedAt
        }
      }
    }
  }
`;

/** The SQL a data lake query ran (a query tool pages only its own runs). */
export const GET_DATA_LAKE_QUERY_SQL = /* GraphQL */ `
  query GetDataLakeQuerySql($id: ID!) {
    dataLakeQuery(id: $id) {
      id
      sql
    }
  }
`;
