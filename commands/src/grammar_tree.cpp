// GrammarTree: the CLI11 tree of the grammar, walked into plain values.

#include "stagecraft/commands/grammar_tree.h"

#include "grammar.h"

namespace stagecraft::commands {
namespace {

GrammarCommand Describe(const CLI::App& app) {
  GrammarCommand command;
  command.name = app.get_name();
  command.description = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) {
      command.positionals.push_back(option->get_name());
      continue;
    }
    GrammarFlag flag;
    for (const std::string& name : option->get_lnames()) flag.names.push_back("--" + name);
    for (const std::string& name : option->get_snames()) flag.names.push_back("-" + name);
    if (flag.names.empty()) continue;
    flag.takes_value = option->get_type_size() != 0;
    flag.required = option->get_required();
    flag.description = option->get_description();
    command.flags.push_back(std::move(flag));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    command.commands.push_back(Describe(*sub));
  }
  return command;
}

}  // namespace

GrammarCommand GrammarTree() {
  internal::Grammar grammar({});
  return Describe(grammar.app);
}

}  // namespace stagecraft::commands
