// Tab completion: walk the words before the cursor down the grammar tree, then offer the
// subcommands, the flags, or the values of the flag just typed.

#include "core/sandbox_completion.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace stagecraft::core {
namespace {

using commands::GrammarCommand;
using commands::GrammarFlag;

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

const GrammarFlag* FindFlag(const std::vector<GrammarFlag>& flags, std::string_view word) {
  for (const GrammarFlag& flag : flags) {
    if (std::find(flag.names.begin(), flag.names.end(), word) != flag.names.end()) return &flag;
  }
  return nullptr;
}

// The value of --model-name (or -m) among `words`, "" when not given.
std::string FlagValue(const std::vector<std::string>& words, const GrammarFlag* flag) {
  if (flag == nullptr) return "";
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (std::find(flag->names.begin(), flag->names.end(), words[i]) != flag->names.end()) {
      return words[i + 1];
    }
  }
  return "";
}

// Values the registry holds for the flag named `flag` (its long name).
std::vector<std::string> ValuesOf(const std::string& flag, const engine::Registry& registry,
                                  const std::string& model_name) {
  std::vector<std::string> values;
  if (flag == "--model-name") {
    if (auto models = registry.ListModels(); models.ok()) {
      for (const auto& m : *models) values.push_back(m.name);
    }
  } else if (flag == "--stage" || flag == "--before") {
    if (auto stages = registry.ListStages(); stages.ok()) {
      for (const auto& s : *stages) values.push_back(s.name);
    }
  } else if (flag == "--alias") {
    if (auto models = registry.ListModels(); models.ok()) {
      for (const auto& m : *models) {
        if (!model_name.empty() && m.name != model_name) continue;
        for (const auto& [alias, version] : m.aliases) values.push_back(alias);
      }
    }
  } else if (flag == "--version") {
    if (!model_name.empty()) {
      if (auto versions = registry.ListModelVersions(model_name); versions.ok()) {
        for (const auto& v : *versions) values.push_back(std::to_string(v.version));
      }
    }
  } else if (flag == "--as") {
    if (auto users = registry.ListUsers(); users.ok()) {
      for (const auto& u : *users) values.push_back(u.name);
    }
  } else if (flag == "--env") {
    if (auto environments = registry.ListEnvironments(); environments.ok()) {
      for (const auto& e : *environments) values.push_back(e.name);
    }
  } else if (flag == "--role") {
    for (auto role : {engine::Role::kViewer, engine::Role::kDeveloper, engine::Role::kApprover,
                      engine::Role::kAdmin}) {
      values.emplace_back(engine::RoleName(role));
    }
  } else if (flag == "--id") {
    engine::RequestQuery query;
    query.pending_only = true;
    if (auto requests = registry.ListRequests(query); requests.ok()) {
      for (const auto& r : *requests) values.push_back(std::to_string(r.id));
    }
  }
  return values;
}

// Splits on blanks, keeping quoted text together (quotes removed), for completion only: an
// unclosed quote just runs to the end.
std::vector<std::string> LooseWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace

Completion CompleteCommandLine(const GrammarCommand& tree, const engine::Registry& registry,
                               std::string_view line, std::size_t cursor) {
  cursor = std::min(cursor, line.size());
  const std::string_view before = line.substr(0, cursor);
  const std::string_view after = line.substr(cursor);
  // The word being typed runs from the last blank before the cursor.
  const std::size_t word_start = before.find_last_of(" \t") == std::string_view::npos
                                     ? 0
                                     : before.find_last_of(" \t") + 1;
  const std::string typed(before.substr(word_start));
  std::vector<std::string> words = LooseWords(before.substr(0, word_start));
  if (!words.empty() && words.front() == "stagecraft") words.erase(words.begin());

  // Down the tree: command words descend, flags that take a value skip it.
  const GrammarCommand* command = &tree;
  const GrammarFlag* pending_flag = nullptr;  // the words end with this flag, its value is next
  std::set<const GrammarFlag*> used;
  for (const std::string& word : words) {
    if (pending_flag != nullptr) {
      pending_flag = nullptr;
      continue;
    }
    if (!word.empty() && word[0] == '-') {
      const GrammarFlag* flag = FindFlag(command->flags, word);
      if (flag == nullptr) flag = FindFlag(tree.flags, word);
      if (flag != nullptr) {
        used.insert(flag);
        if (flag->takes_value) pending_flag = flag;
      }
      continue;
    }
    for (const GrammarCommand& sub : command->commands) {
      if (sub.name == word) {
        command = &sub;
        break;
      }
    }
  }

  std::vector<std::string> candidates;
  if (pending_flag != nullptr) {
    const GrammarFlag* model_flag = FindFlag(command->flags, "--model-name");
    std::string model_name = FlagValue(words, model_flag);
    if (model_name.empty() && !command->positionals.empty()) {
      // `models get NAME`: the positional names the model.
      for (const std::string& word : words) {
        if (!word.empty() && word[0] != '-' && registry.GetModel(word).ok()) model_name = word;
      }
    }
    candidates = ValuesOf(pending_flag->names.front(), registry, model_name);
  } else if (!typed.empty() && typed[0] == '-') {
    for (const auto* flags : {&command->flags, &tree.flags}) {
      if (flags == &tree.flags && command == &tree) break;  // listed once at the top
      for (const GrammarFlag& flag : *flags) {
        if (used.count(&flag) != 0 || flag.names.front() == "--db") continue;
        candidates.push_back(flag.names.front());
      }
    }
  } else if (!command->commands.empty()) {
    for (const GrammarCommand& sub : command->commands) candidates.push_back(sub.name);
  } else if (!command->positionals.empty() && command->name != "create") {
    candidates = ValuesOf("--model-name", registry, "");  // models get|update|delete NAME
  } else {
    for (const GrammarFlag& flag : command->flags) {
      if (used.count(&flag) == 0 && flag.names.front() != "--help") {
        candidates.push_back(flag.names.front());
      }
    }
  }
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const std::string& c) { return !StartsWithNoCase(c, typed); }),
                   candidates.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  Completion completion;
  std::string replacement = typed;
  if (!candidates.empty()) {
    std::string common = candidates.front();
    for (const std::string& c : candidates) {
      std::size_t n = 0;
      while (n < common.size() && n < c.size() && common[n] == c[n]) ++n;
      common.resize(n);
    }
    if (common.size() >= typed.size()) replacement = common;
    if (candidates.size() == 1 && (after.empty() || after.front() != ' ')) replacement += ' ';
  }
  completion.line = std::string(before.substr(0, word_start)) + replacement + std::string(after);
  completion.cursor = word_start + replacement.size();
  completion.candidates = std::move(candidates);
  return completion;
}

}  // namespace stagecraft::core
