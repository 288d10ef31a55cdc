// Compiled by tsc as CommonJS (a .cts file, NodeNext): `require('tat-request')` gets
// index.d.cts, whose module has no default export (init is a named one), as index.cjs does.
import tat = require('tat-request');

const r: boolean = tat.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }).valid;
const ready: Promise<unknown> = tat.init();
const e: InstanceType<typeof tat.TatError> = new tat.TatError('InvalidParameter', 'message');
const code: string = e.code;
// @ts-expect-error: a misspelled parameter
tat.validate('DescribeInvocations', { Limt: 10 });
// @ts-expect-error: no default export in CommonJS (the module object is not init)
void tat.default;
void r, ready, code;

import initDefault = require('tat-request');
import defaultImport from 'tat-request';
// @ts-expect-error: CommonJS's default import is the module object, not init
defaultImport();
void initDefault.init;
