// Checks quizzes/quiz.schema.json with ajv (Debian's node-ajv): the schema itself is valid
// draft-07, every quiz in the bank passes it, and broken files fail it for the right reason.
// Usage: node check_schema.js QUIZZES_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const {readJson, schemaRun} = require('./schema_test_lib');

const dir = process.argv[2];
const run = schemaRun(path.join(dir, 'quiz.schema.json'));

const bank = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'quiz.schema.json');
run.check(bank.length > 0, 'the bank has quiz files');
for (const file of bank) run.passes(readJson(path.join(dir, file)), file);

const good = {
  $schema: './quiz.schema.json', format: 1, id: 'sample', title: 'Sample', topic: 'Stages',
  questions: [{
    id: 'q1', level: 'easy', prompt: 'Which stage serves customers?',
    options: ['Staging', {text: 'Production', feedback: 'Yes.'}], answer: 'B',
    verify: {setup: ['models create m'], check: 'failing-options'},
  }],
};
run.passes(good, 'a minimal quiz');

// "$comment" is a note for authors in any object, as the loader has it.
const commented = JSON.parse(JSON.stringify(good));
commented.$comment = 'the quiz';
commented.questions[0].$comment = ['any', 'value'];
commented.questions[0].options[1].$comment = 'the key';
commented.questions[0].verify.$comment = 'run by validate';
run.passes(commented, 'a quiz with $comment in every object');

// Each broken copy must fail, and ajv must point at the field that is wrong.
run.failsNaming(good, [
  ['an answer that is not a letter', (q) => { q.questions[0].answer = 'G'; }, 'answer'],
  ['a level that does not exist', (q) => { q.questions[0].level = 'expert'; }, 'level'],
  ['a misspelt field', (q) => { q.questions[0].answr = 'B'; }, 'answr'],
  ['a missing prompt', (q) => { delete q.questions[0].prompt; }, 'prompt'],
  ['seven options', (q) => { q.questions[0].options = ['a', 'b', 'c', 'd', 'e', 'f', 'g']; }, 'options'],
  ['a repeated letter', (q) => { q.questions[0].answer = ['A', 'A']; }, 'answer'],
  ['format 2', (q) => { q.format = 2; }, 'format'],
  ['a stage check with no version', (q) => { q.questions[0].verify = {check: 'stage', model: 'm'}; }, 'version'],
  ['an id with a space', (q) => { q.id = 'two words'; }, 'id'],
]);

run.finish();
