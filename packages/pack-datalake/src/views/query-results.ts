import { defineView } from '@mcp-panther/core';
import { viewHtml } from '@mcp-panther/views';

/** Query results: a grid that pages through the results, and a chart chosen from the columns. */
export default defineView({
  uri: 'ui://panther/query',
  title: 'Query results',
  description: 'Data lake rows in a grid that reads further pages, with a time series or bar chart of them.',
  calls: ['query_data_lake'],
  html: viewHtml.query,
});
