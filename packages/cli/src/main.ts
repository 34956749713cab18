import { isMcpHostError } from '@mcp-panther/core';
import { HELP, parseCommandLine, UsageError } from './args.js';
import { provideBundledModules } from './bundledModules.js';
import { createPack } from './commands/createPack.js';
import { doctor } from './commands/doctor.js';
import { sandbox } from './commands/sandbox.js';
import { serve } from './commands/serve.js';
import { tools } from './commands/tools.js';
import { CLI_VERSION } from './version.js';

/** Runs the `mcp-panther` command; returns the exit code. Errors go to stderr, never stdout. */
export async function main(argv: readonly string[]): Promise<number> {
  provideBundledModules();
  try {
    const { command, argument, values } = parseCommandLine(argv);
    if (values.version) {
      process.stdout.write(`${CLI_VERSION}\n`);
      return 0;
    }
    if (values.help || command === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    switch (command) {
      case 'tools':
        return await tools(values);
      case 'doctor':
        return await doctor(values);
      case 'sandbox':
        return await sandbox(values);
      case 'create-pack':
        return await createPack(argument ?? '', values);
      default:
        return await serve(values);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mcp-panther: ${error.message}\nRun "mcp-panther --help" for usage.`);
      return 2;
    }
    // The code ends the first line, so it is not lost after a list of fields or a code frame.
    const [first, ...rest] = (error as Error).message.split('\n');
    const code = isMcpHostError(error) ? ` [${error.code}]` : '';
    console.error([`mcp-panther: ${first}${code}`, ...rest].join('\n'));
    return 1;
  }
}
