// Checks quizzes/quiz.schema.json with ajv (Debian's node-ajv): the schema itself is valid
// draft-07, every quiz in the bank passes it, and broken files fail it for the right reason.
// Usage: node check_schema.js QUIZZES_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const dir = process.argv[2];
const schema = JSON.parse(fs.readFileSync(path.join(dir, 'quiz.schema.json'), 'utf8'));
const ajv = new Ajv({allErrors: true});
let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log('FAILED: ' + what);
  }
}

check(ajv.validateSchema(schema), 'the schema is valid draft-07: ' + ajv.errorsText(ajv.errors));
const validate = ajv.compile(schema);

const bank = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'quiz.schema.json');
check(bank.length > 0, 'the bank has quiz files');
for (const file of bank) {
  const quiz = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  check(validate(quiz), file + ' passes the schema: ' + ajv.errorsText(validate.errors));
}

const good = {
  $schema: './quiz.schema.json', format: 1, id: 'sample', title: 'Sample', topic: 'Stages',
  questions: [{
    id: 'q1', level: 'easy', prompt: 'Which stage serves customers?',
    options: ['Staging', {text: 'Production', feedback: 'Yes.'}], answer: 'B',
    verify: {setup: ['models create m'], check: 'failing-options'},
  }],
};
check(validate(good), 'a minimal quiz passes: ' + ajv.errorsText(validate.errors));

// "$comment" is a note for authors in any object, as the loader has it.
const commented = JSON.parse(JSON.stringify(good));
commented.$comment = 'the quiz';
commented.questions[0].$comment = ['any', 'value'];
commented.questions[0].options[1].$comment = 'the key';
commented.questions[0].verify.$comment = 'run by validate';
check(validate(commented), 'a quiz with $comment in every object passes: ' +
      ajv.errorsText(validate.errors));

// Each broken copy must fail, and ajv must point at the field that is wrong.
const broken = [
  ['an answer that is not a letter', (q) => { q.questions[0].answer = 'G'; }, 'answer'],
  ['a level that does not exist', (q) => { q.questions[0].level = 'expert'; }, 'level'],
  ['a misspelt field', (q) => { q.questions[0].answr = 'B'; }, 'answr'],
  ['a missing prompt', (q) => { delete q.questions[0].prompt; }, 'prompt'],
  ['seven options', (q) => { q.questions[0].options = ['a', 'b', 'c', 'd', 'e', 'f', 'g']; }, 'options'],
  ['a repeated letter', (q) => { q.questions[0].answer = ['A', 'A']; }, 'answer'],
  ['format 2', (q) => { q.format = 2; }, 'format'],
  ['a stage check with no version', (q) => { q.questions[0].verify = {check: 'stage', model: 'm'}; }, 'version'],
  ['an id with a space', (q) => { q.id = 'two words'; }, 'id'],
];
for (const [what, spoil, field] of broken) {
  const quiz = JSON.parse(JSON.stringify(good));
  spoil(quiz);
  const ok = validate(quiz);
  const text = JSON.stringify(validate.errors);  // the field is in a path or in params
  check(!ok && text.includes(field), what + ' fails naming ' + field + ' (got: ' + text + ')');
}

console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed === 0 ? 0 : 1);
