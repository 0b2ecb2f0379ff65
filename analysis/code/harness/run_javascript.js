// Runs inside the sandbox: load solution.js as a classic script (so its top-level functions and
// classes are visible to the tests whether or not it exports them), evaluate each hidden test's
// expression with a per-test timeout, and print one line per test:
// `<nonce> {"i", "ok", "value" | "error", "ms"}`. Expected values never enter the sandbox.
// argv: nonce, milliseconds allowed per test.
'use strict';
const fs = require('fs');
const vm = require('vm');

const [nonce, perTestMsText] = process.argv.slice(2);
const perTestMs = Number(perTestMsText);
const MAX_VALUE_CHARS = 20000;
const emit = (record) => fs.writeSync(1, `\n${nonce} ${JSON.stringify(record)}\n`);

function describe(error) {
  if (error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
    return { error: `Timeout: took longer than ${perTestMs}ms`, line: null };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  const stack = error && typeof error.stack === 'string' ? error.stack : '';
  const match = stack.match(/solution\.js:(\d+)/);
  return { error: text.slice(0, 500), line: match ? Number(match[1]) : null };
}

function toValue(value) {
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch (error) {
    return { __unserializable__: String(value).slice(0, 200) };
  }
  if (text === undefined) return { __unserializable__: String(value).slice(0, 200) };
  return text.length <= MAX_VALUE_CHARS ? JSON.parse(text) : { __too_large__: text.length };
}

function main() {
  const spec = JSON.parse(fs.readFileSync('tests.json', 'utf8'));
  // CommonJS names, so a solution that ends with `module.exports = ...` still loads as a script.
  globalThis.module = { exports: {} };
  globalThis.exports = globalThis.module.exports;
  globalThis.require = require;
  try {
    const source = fs.readFileSync('solution.js', 'utf8');
    vm.runInThisContext(source, { filename: 'solution.js', timeout: perTestMs });
  } catch (error) {
    emit({ load_error: describe(error) });
    return;
  }
  vm.runInThisContext(spec.prelude || '', { filename: 'prelude.js' });
  spec.tests.forEach((test, i) => {
    const started = process.hrtime.bigint();
    let record;
    try {
      const value = vm.runInThisContext(`(${test.code}\n)`, { filename: `test_${i}.js`, timeout: perTestMs });
      record = { i, ok: true, value: toValue(value) };
    } catch (error) {
      record = { i, ok: false, ...describe(error) };
    }
    record.ms = Number(process.hrtime.bigint() - started) / 1e6;
    emit(record);
  });
  emit({ done: true });
}

main();
