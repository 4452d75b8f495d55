// Checks challenges/challenge.schema.json with ajv (Debian's node-ajv): the schema itself is
// valid draft-07, every bundled challenge and the authoring screen's template pass it, and broken
// challenges fail it naming the field at fault.
// Usage: node check_challenge_schema.js CHALLENGES_DIR TEMPLATE_JSON
'use strict';
const fs = require('fs');
const path = require('path');
const {readJson, schemaRun} = require('./schema_test_lib');

const [dir, template] = process.argv.slice(2);
const run = schemaRun(path.join(dir, 'challenge.schema.json'));

const bundled = fs.readdirSync(dir).filter((f) => f.endsWith('.challenge.json'));
run.check(bundled.length >= 4, 'the bundled challenges are found: ' + bundled);
for (const file of bundled) {
  const challenge = readJson(path.join(dir, file));
  run.passes(challenge, file);
  run.check(challenge.$schema === './challenge.schema.json', file + ' names the schema beside it');
}
run.passes(readJson(template), 'the New challenge template ' + template);

const good = {
  format: 1, id: 'sample', title: 'Sample', level: 'easy', goal: 'Move churn v1 to Staging.',
  target: [{kind: 'stage', model: 'churn', version: 1, stage: 'Staging'}],
  par: 1, hint: 'transition-stage.',
  solution: ['models transition-stage --model-name churn --version 1 --stage Staging'],
};
run.passes(good, 'a minimal challenge');

// Every kind with all its fields, and "$comment" in the challenge and in a condition.
const full = JSON.parse(JSON.stringify(good));
Object.assign(full, {
  $schema: './challenge.schema.json', $comment: ['a note', 'of any kind'], user: 'dana',
  start: ['models create churn', 'stagecraft models create-version --model-name churn --source runs:/a/m'],
});
full.target = [
  {kind: 'stage', model: 'churn', version: 1, stage: 'Staging', label: 'v1 staged', $comment: 'x'},
  {kind: 'alias', model: 'churn', alias: 'champion', version: 1},
  {kind: 'serves', model: 'churn', environment: 'production', version: 1, traffic: 90},
  {kind: 'canary', model: 'churn', environment: 'production', version: 2},
  {kind: 'metric', model: 'churn', version: 2, metric: 'live_auc', op: '<=', value: 0.7},
  {kind: 'no-pending-requests'},
  {kind: 'no-pending-requests', model: 'churn'},
  {kind: 'happened', action: 'deploy_canary', model: 'churn', version: 2, stage: 'Production',
   environment: 'production', actor: 'dana', traffic: 10},
  {kind: 'never', action: 'refused', actor: 'dana'},
  {kind: 'approved-only', stage: 'Production'},
];
run.passes(full, 'a challenge with every kind of condition');

// Each broken copy must fail, and ajv must point at the field that is wrong.
run.failsNaming(good, [
  ['a level that does not exist', (c) => { c.level = 'tricky'; }, 'level'],
  ['an unknown condition kind', (c) => { c.target[0].kind = 'stages'; }, 'kind'],
  ['a missing par', (c) => { delete c.par; }, 'par'],
  ['par 0', (c) => { c.par = 0; }, 'par'],
  ['a misspelt field', (c) => { c.goals = c.goal; }, 'goals'],
  ['a stage condition without version', (c) => { delete c.target[0].version; }, 'version'],
  ['a field the kind does not take', (c) => { c.target[0].traffic = 10; }, 'traffic'],
  ['a misspelt condition field', (c) => { c.target[0].modle = 'churn'; }, 'modle'],
  ['a no-pending-requests condition with a version',
   (c) => { c.target = [{kind: 'no-pending-requests', version: 1}]; }, 'version'],
  ['a happened condition without action', (c) => { c.target = [{kind: 'happened', model: 'm'}]; }, 'action'],
  ['an unknown audit action', (c) => { c.target = [{kind: 'never', action: 'rollbak'}]; }, 'action'],
  ['a metric condition with a bad op', (c) => {
    c.target = [{kind: 'metric', model: 'm', version: 1, metric: 'auc', op: '=>', value: 1}];
  }, 'op'],
  ['traffic over 100',
   (c) => { c.target = [{kind: 'canary', model: 'm', environment: 'e', version: 1, traffic: 101}]; }, 'traffic'],
  ['an empty target', (c) => { c.target = []; }, 'target'],
  ['an empty solution', (c) => { c.solution = []; }, 'solution'],
  ['a blank solution line', (c) => { c.solution = ['  ']; }, 'solution'],
  ['an id with a space', (c) => { c.id = 'two words'; }, 'id'],
  ['format 2', (c) => { c.format = 2; }, 'format'],
  ['a goal over 500 characters', (c) => { c.goal = 'x'.repeat(501); }, 'goal'],
]);

run.finish();
