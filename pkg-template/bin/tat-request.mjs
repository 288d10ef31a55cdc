#!/usr/bin/env node
// tat-request's command line (Node only; never imported by the package's entries). Each
// command is a module of commands/: `tat-request COMMAND --help` tells its options.
//
//   tat-request sandbox [--exec] ...         a local TAT emulator
//   tat-request run --instances ID,ID ...    RunCommand, waits, prints each output
//   tat-request shell --instance ID          a line-oriented shell over RunCommand
//   tat-request validate ACTION [FILE|-]     checks an action's parameters (for CI)
const COMMANDS = {
  sandbox: 'Starts a local TAT emulator (--exec: with local instances that really run scripts).',
  run: 'Runs a command on instances (RunCommand), waits, prints each output and exit code.',
  shell: 'An interactive shell on instances: one RunCommand per line, cwd and variables carried.',
  validate: "Checks an action's parameters (a JSON file or stdin): errors, warnings, exit 1 when invalid.",
};

const USAGE = `Usage: tat-request COMMAND [OPTIONS]   (tat-request COMMAND --help for its options)

${Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(9)} ${what}`).join('\n')}`;

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  console.log(USAGE);
  process.exit(name === undefined ? 2 : 0);
}
if (!Object.hasOwn(COMMANDS, name)) {
  console.error(`Unknown command: ${name}\n\n${USAGE}`);
  process.exit(2);
}
const { main } = await import(`./commands/${name}.mjs`);
process.exitCode = await main(args);
