// What the schema tests share: ajv set up as for editors, a tally of checks, and broken copies of
// a good document that must fail naming the field at fault.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');

// Reads the JSON file at `file`.
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// A run of checks against the schema in `schemaFile`: check(ok, what) counts, validate is the
// compiled schema (after checking the schema itself is valid draft-07), and finish() prints the
// tally and exits 1 if any check failed.
function schemaRun(schemaFile) {
  const schema = readJson(schemaFile);
  const ajv = new Ajv({allErrors: true});
  let passed = 0;
  let failed = 0;
  const run = {
    ajv,
    check(ok, what) {
      if (ok) {
        passed++;
      } else {
        failed++;
        console.log('FAILED: ' + what);
      }
    },
    // `good` must pass; explained in `what`.
    passes(good, what) {
      run.check(run.validate(good), what + ' passes the schema: ' + ajv.errorsText(run.validate.errors));
    },
    // Each [what, spoil, field]: a copy of `good` spoilt by spoil(copy) must fail, and ajv's
    // errors must name `field` (in a path or in params).
    failsNaming(good, broken) {
      for (const [what, spoil, field] of broken) {
        const copy = JSON.parse(JSON.stringify(good));
        spoil(copy);
        const ok = run.validate(copy);
        const text = JSON.stringify(run.validate.errors);
        run.check(!ok && text.includes(field), what + ' fails naming ' + field + ' (got: ' + text + ')');
      }
    },
    finish() {
      console.log(passed + ' passed, ' + failed + ' failed');
      process.exit(failed === 0 ? 0 : 1);
    },
  };
  run.check(ajv.validateSchema(schema), 'the schema is valid draft-07: ' + ajv.errorsText(ajv.errors));
  run.validate = ajv.compile(schema);
  return run;
}

module.exports = {readJson, schemaRun};
