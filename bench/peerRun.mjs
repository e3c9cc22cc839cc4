#!/usr/bin/env node
// The peer's side of the whole-process figure: what `stratus run FILE --input-file F --json`
// does, done with aws-local-stepfunctions' StateMachine. Reads a definition file and an
// input file, runs one execution to its end, prints its output as one JSON value.
//
//   node bench/peerRun.mjs definition.json input.json
import {readFileSync} from 'node:fs';
import {StateMachine} from 'aws-local-stepfunctions';

const [definitionFile, inputFile] = process.argv.slice(2);
if (!definitionFile) {
	console.error('usage: node bench/peerRun.mjs DEFINITION [INPUT]');
	process.exit(2);
}
const definition = JSON.parse(readFileSync(definitionFile, 'utf8'));
const input = inputFile ? JSON.parse(readFileSync(inputFile, 'utf8')) : {};
const output = await new StateMachine(definition).run(input).result;
process.stdout.write(JSON.stringify({status: 'SUCCEEDED', output}) + '\n');
