import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';

// The SDK builds an Ajv instance for every McpServer (milliseconds each: at start-up, and per HTTP session) to
// validate elicitation answers. One shared instance is built on first use instead.
let sharedValidator: AjvJsonSchemaValidator | undefined;

/** The JSON Schema validator every McpServer of the process shares, built on first use. */
export const lazyJsonSchemaValidator: jsonSchemaValidator = {
  getValidator(schema) {
    sharedValidator ??= new AjvJsonSchemaValidator();
    return sharedValidator.getValidator(schema);
  },
};
