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

// require('tat-request/validate') gets validate.d.cts: the same declarations, loadLanguage too.
import tv = require('tat-request/validate');
const vr: boolean = tv.validateRunCommand({ Content: 'd2hvYW1p', InstanceIds: ['ins-12345678'] }).valid;
const loading: Promise<void> = tv.loadLanguage('zh-CN');
const vready: Promise<unknown> = tv.init();
// @ts-expect-error: a misspelled action
tv.validate('DescribeInvocation', {});
void vr, loading, vready;
