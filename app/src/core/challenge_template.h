#pragma once
// The challenge template that the authoring screen's "New challenge" writes: a challenge file
// that passes `stagecraft validate` as it is (its start does not meet the target, its solution
// does within par), whose "$comment" notes say what each field is for. Its text is
// challenge_template.json, built in; the schema test checks that file against
// challenge.schema.json.

#include <string>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// The template's text, with `id` as the challenge's id.
std::string ChallengeTemplate(const std::string& id);

// Writes the template into `folder` as new-challenge.challenge.json, or
// new-challenge-2.challenge.json, -3, ... when taken, with the file's name (without
// .challenge.json) as the challenge's id; and copies `schema` (the bundled challenge.schema.json,
// for editors' completion; "" for none) beside it when there is none. The path written, or a
// one-line error naming the file or folder.
engine::Result<std::string> WriteNewChallenge(const std::string& folder, const std::string& schema);

}  // namespace stagecraft::core
