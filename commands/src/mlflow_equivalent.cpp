// The MLflow equivalent of each command of the grammar: one entry per command, filled in from the
// flags the grammar parsed. Every claim agrees with ../shared/FACTS.md or MLflow's own docs;
// change a note only with a source.
//
// Sections: Python text | search filters | the entries (models, versions, aliases and stages,
// requests, deployments, gates, users, environments) | the public API.

#include "stagecraft/commands/mlflow_equivalent.h"

#include <algorithm>
#include <charconv>

#include "grammar.h"

namespace stagecraft::commands {
namespace internal {
namespace {

// ---------------------------------------------------------------------------------------------
// Python text

std::string Py(std::string_view text) { return PythonString(text); }

// A whole number or a decimal, written the shortest way Python reads back exactly.
std::string PyNumber(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return "0";
  return std::string(buffer, end);
}

// The MLflow client call `method(arguments)`.
std::string Client(const std::string& method, const std::string& arguments) {
  return "MlflowClient()." + method + "(" + arguments + ")";
}

std::string NameArg(const std::string& name) { return "name=" + Py(name); }
std::string NameVersionArgs(const Flags& f) {
  return NameArg(f.model_name) + ", version=" + std::to_string(f.version);
}

// A word for a POSIX shell: bare when it is safe, else in single quotes.
std::string ShellWord(const std::string& word) {
  const bool safe = !word.empty() && word.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_-.:/@=+") == std::string::npos;
  if (safe) return word;
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

MlflowEquivalent Call(std::string python, std::string note = "") {
  return MlflowEquivalent{"", true, std::move(python), std::move(note)};
}
MlflowEquivalent NoEquivalent(std::string note) { return MlflowEquivalent{"", false, "", std::move(note)}; }

// MLflow's four fixed stages, canonicalised case-insensitively as MLflow does; "" when `stage` is
// none of them.
std::string CanonicalStage(const std::string& stage) {
  for (const char* known : {"None", "Staging", "Production", "Archived"}) {
    const std::string k = known;
    if (k.size() == stage.size() &&
        std::equal(k.begin(), k.end(), stage.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return k;
    }
  }
  return "";
}

const char kStagesDeprecated[] =
    "Stages are deprecated since MLflow 2.9.0 (still present in 3.x); prefer aliases such as "
    "@champion (set_registered_model_alias).";
const char kFixedStages[] =
    "MLflow's stages are fixed: None, Staging, Production, Archived (custom stages were requested "
    "in MLflow issues #2165 and #3686 and never shipped).";
const char kNoServing[] =
    "Serving is outside MLflow's registry: `mlflow models serve -m models:/NAME/VERSION` runs a "
    "scoring server for any model URI, staged or not, with no environments and no traffic split.";

// Why MLflow would refuse `stage`, or "" when it accepts it; with a word on canonicalisation.
std::string StageNote(const std::string& stage) {
  const std::string canonical = CanonicalStage(stage);
  if (canonical.empty()) {
    return " MLflow refuses stage " + Py(stage) +
           " with INVALID_PARAMETER_VALUE: " + kFixedStages +
           " Custom stages are a Stagecraft feature.";
  }
  if (canonical != stage) {
    return " MLflow canonicalises the stage name case-insensitively: " + Py(stage) + " is " +
           Py(canonical) + ".";
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Search filters: Stagecraft's filter fields against MLflow's search_model_versions.

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The clauses of a filter joined by AND (any case, outside quotes).
std::vector<std::string> Clauses(const std::string& filter) {
  std::vector<std::string> clauses;
  std::string current;
  char quote = 0;
  for (std::size_t i = 0; i < filter.size(); ++i) {
    const char c = filter[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if ((c == ' ' || c == '\t') && i + 4 < filter.size() &&
               Lower(filter.substr(i + 1, 3)) == "and" &&
               (filter[i + 4] == ' ' || filter[i + 4] == '\t')) {
      clauses.push_back(Trim(current));
      current.clear();
      i += 4;
      continue;
    }
    current += c;
  }
  clauses.push_back(Trim(current));
  return clauses;
}

// The MLflow field of a Stagecraft filter field, or "" when MLflow cannot filter on it.
std::string MlflowField(const std::string& field) {
  const std::string lower = Lower(field);
  if (lower == "name" || lower == "run_id") return lower;
  if (lower == "source") return "source_path";
  if (lower == "version") return "version_number";
  if (lower.rfind("tags.", 0) == 0) return field;
  return "";  // stage, alias, metrics.KEY or a bare metric name
}

MlflowEquivalent SearchEquivalent(const std::string& filter) {
  std::string kept, dropped;
  for (const std::string& clause : Clauses(filter)) {
    const auto end = clause.find_first_of(" \t=!<>");
    const std::string field = clause.substr(0, end);
    const std::string mlflow = MlflowField(field);
    std::string& into = mlflow.empty() ? dropped : kept;
    if (!into.empty()) into += " AND ";
    into += mlflow.empty() ? clause : mlflow + clause.substr(field.size());
  }
  std::string python =
      Client("search_model_versions", kept.empty() ? "" : "filter_string=" + Py(kept));
  std::string note =
      "MLflow's filter supports name, run_id, source_path, tags.<key> and version_number "
      "(=, !=, LIKE, ILIKE, IN for run_id; clauses joined by AND); it cannot filter by stage, "
      "alias or metric.";
  if (!dropped.empty()) {
    python += "  # then keep, in Python, those where: " + dropped;
    note += " Metrics live on the training run (search_runs can filter on metrics).";
  }
  return Call(python, note);
}

// ---------------------------------------------------------------------------------------------
// The entries

using Make = MlflowEquivalent (*)(const Flags&);
struct Entry {
  const char* command;
  Make make;
};

const char kDatabricksRequests[] =
    "Transition requests (request, approve, reject, cancel, with comments and an activity log) "
    "exist only in the Databricks workspace registry, not in open-source MLflow.";
const char kSageMakerApproval[] =
    "SageMaker's equivalent is a model package's ModelApprovalStatus: PendingManualApproval | "
    "Approved | Rejected.";

const Entry kEntries[] = {
    // Models
    {"models create",
     [](const Flags& f) {
       std::string args = NameArg(f.name);
       if (!f.description.empty()) args += ", description=" + Py(f.description);
       return Call(Client("create_registered_model", args));
     }},
    {"models list",
     [](const Flags&) {
       return Call(Client("search_registered_models", ""),
                   "Each RegisteredModel carries its aliases.");
     }},
    {"models get",
     [](const Flags& f) { return Call(Client("get_registered_model", NameArg(f.name))); }},
    {"models update",
     [](const Flags& f) {
       return Call(Client("update_registered_model",
                          NameArg(f.name) + ", description=" + Py(f.description)));
     }},
    {"models delete",
     [](const Flags& f) {
       return Call(Client("delete_registered_model", NameArg(f.name)),
                   "Deletes the model with all its versions.");
     }},
    {"models set-tag",
     [](const Flags& f) {
       const std::string kv = ", key=" + Py(f.key) + ", value=" + Py(f.value);
       return f.version ? Call(Client("set_model_version_tag", NameVersionArgs(f) + kv))
                        : Call(Client("set_registered_model_tag", NameArg(f.model_name) + kv));
     }},
    {"models delete-tag",
     [](const Flags& f) {
       const std::string k = ", key=" + Py(f.key);
       return f.version ? Call(Client("delete_model_version_tag", NameVersionArgs(f) + k))
                        : Call(Client("delete_registered_model_tag", NameArg(f.model_name) + k));
     }},
    {"models set-alias",
     [](const Flags& f) {
       std::string note =
           "Aliases arrived in MLflow 2.3.0. Setting an alias that exists moves it: one alias "
           "names one version, and one version may carry many aliases. Load it with "
           "models:/" + f.model_name + "@" + f.alias + ".";
       const std::string lower = Lower(f.alias);
       const bool version_like = f.alias.size() > 1 && (f.alias[0] == 'v' || f.alias[0] == 'V') &&
                                 f.alias.find_first_not_of("0123456789", 1) == std::string::npos;
       if (lower == "latest" || version_like) {
         note += " MLflow refuses " + Py(f.alias) +
                 ": 'latest' (any case) and v<number> are reserved alias names.";
       } else if (std::any_of(f.alias.begin(), f.alias.end(), [](char c) {
                    const auto byte = static_cast<unsigned char>(c);
                    return byte < 0x80 && !std::isalnum(byte) && c != '_' && c != '-';
                  })) {
         note += " MLflow refuses " + Py(f.alias) +
                 ": alias names may only contain alphanumerics, underscores and dashes.";
       }
       return Call(Client("set_registered_model_alias", NameArg(f.model_name) +
                                                            ", alias=" + Py(f.alias) +
                                                            ", version=" +
                                                            std::to_string(f.version)),
                   note);
     }},
    {"models delete-alias",
     [](const Flags& f) {
       return Call(Client("delete_registered_model_alias",
                          NameArg(f.model_name) + ", alias=" + Py(f.alias)));
     }},
    {"models resolve",
     [](const Flags& f) {
       const std::string load = "mlflow.pyfunc.load_model(" + Py(f.uri) + ")";
       const std::string prefix = "models:/";
       if (f.uri.rfind(prefix, 0) != 0) {
         return Call(load, "MLflow loads models:/, runs:/ and storage URIs alike.");
       }
       const std::string rest = f.uri.substr(prefix.size());
       if (auto at = rest.find('@'); at != std::string::npos) {
         return Call(Client("get_model_version_by_alias",
                            NameArg(rest.substr(0, at)) + ", alias=" + Py(rest.substr(at + 1))) +
                         "\n" + load,
                     "An alias names exactly one version.");
       }
       const auto slash = rest.rfind('/');
       const std::string name = rest.substr(0, slash);
       const std::string what = slash == std::string::npos ? "" : rest.substr(slash + 1);
       if (!what.empty() && what.find_first_not_of("0123456789") == std::string::npos) {
         return Call(Client("get_model_version", NameArg(name) + ", version=" + what) + "\n" +
                     load);
       }
       if (Lower(what) == "latest") {
         return Call(load, "models:/NAME/latest is the highest version number of the model.");
       }
       return Call(Client("get_latest_versions", NameArg(name) + ", stages=[" + Py(what) + "]") +
                       "\n" + load,
                   "models:/NAME/STAGE resolves to the highest version number in that stage, not "
                   "the one moved there last: moving an old version back to Production changes "
                   "nothing while a newer one stays there. " +
                       std::string(kStagesDeprecated));
     }},
    {"models history",
     [](const Flags&) {
       return NoEquivalent(
           "Open-source MLflow keeps no audit log of a model: a version has only "
           "creation_timestamp and last_updated_timestamp (\"what was in Production when\" is "
           "MLflow issue #2169, open since 2019). The Databricks workspace registry shows each "
           "version's activity (transitions, requests, comments).");
     }},
    {"models search", [](const Flags& f) { return SearchEquivalent(f.filter); }},

    // Versions
    {"models create-version",
     [](const Flags& f) {
       std::string args = NameArg(f.model_name) + ", source=" + Py(f.source);
       if (!f.run_id.empty()) args += ", run_id=" + Py(f.run_id);
       if (!f.tags.empty()) {
         std::string tags;
         for (const auto& t : f.tags) {
           const auto eq = t.find('=');
           tags += (tags.empty() ? "" : ", ") + Py(t.substr(0, eq)) + ": " + Py(t.substr(eq + 1));
         }
         args += ", tags={" + tags + "}";
       }
       if (!f.description.empty()) args += ", description=" + Py(f.description);
       std::string python = Client("create_model_version", args);
       std::string note = "The new version starts in stage None.";
       if (!f.metrics.empty()) {
         note += " MLflow logs metrics on runs, not on model versions";
         if (f.run_id.empty()) {
           note += ": log them on the training run with log_metric(run_id, key, value).";
         } else {
           note += ": they go on the training run.";
           for (const auto& m : f.metrics) {
             const auto eq = m.find('=');
             python += "\n" + Client("log_metric",
                                     "run_id=" + Py(f.run_id) + ", key=" + Py(m.substr(0, eq)) +
                                         ", value=" +
                                         PyNumber(std::strtod(m.c_str() + eq + 1, nullptr)));
           }
         }
       }
       return Call(python, note);
     }},
    {"models get-version",
     [](const Flags& f) { return Call(Client("get_model_version", NameVersionArgs(f))); }},
    {"models list-versions",
     [](const Flags& f) {
       const std::string note =
           "search_model_versions filters on name, run_id, source_path, tags.<key> and "
           "version_number; not on stage or alias.";
       if (f.model_name.find('\'') != std::string::npos) {  // no quote inside a filter string
         return Call("[v for v in " + Client("search_model_versions", "") +
                         " if v.name == " + Py(f.model_name) + "]",
                     note);
       }
       return Call(Client("search_model_versions",
                          "filter_string=" + Py("name='" + f.model_name + "'")),
                   note);
     }},
    {"models update-version",
     [](const Flags& f) {
       return Call(Client("update_model_version",
                          NameVersionArgs(f) + ", description=" + Py(f.description)));
     }},
    {"models set-metric",
     [](const Flags& f) {
       return Call(Client("log_metric", "run_id=" +
                                            Client("get_model_version", NameVersionArgs(f)) +
                                            ".run_id, key=" + Py(f.key) +
                                            ", value=" + PyNumber(f.number)),
                   "MLflow logs metrics on runs, not on model versions: this logs it on the run "
                   "that produced version " + std::to_string(f.version) + ".");
     }},
    {"models delete-version",
     [](const Flags& f) {
       return Call(Client("delete_model_version", NameVersionArgs(f)),
                   "Irrevocable in MLflow (a soft delete inside).");
     }},
    {"models transition-stage",
     [](const Flags& f) {
       const std::string canonical = CanonicalStage(f.stage);
       std::string note = kStagesDeprecated;
       if (f.archive_existing) {
         note += " archive_existing_versions=True archives the model's other versions in the "
                 "target stage in the same call";
         note += canonical == "Staging" || canonical == "Production" || canonical.empty()
                     ? "; it is allowed only when the target is Staging or Production."
                     : ", but MLflow allows it only when the target is Staging or Production: "
                       "this call fails.";
       } else {
         note += " Without archive_existing_versions, versions already in " +
                 (canonical.empty() ? f.stage : canonical) +
                 " stay there: MLflow allows several versions in one stage.";
       }
       note += StageNote(f.stage);
       if (!f.comment.empty()) {
         note += " transition_model_version_stage takes no comment.";
       }
       if (f.force) {
         note += " --force is Stagecraft's: MLflow's registry does not know what is served.";
       }
       return Call(Client("transition_model_version_stage",
                          NameVersionArgs(f) + ", stage=" + Py(f.stage) +
                              ", archive_existing_versions=" +
                              (f.archive_existing ? "True" : "False")),
                   note);
     }},

    // Stages
    {"stages list",
     [](const Flags&) {
       return NoEquivalent(std::string("Nothing to list in MLflow: ") + kFixedStages + " " +
                   kStagesDeprecated);
     }},
    {"stages add",
     [](const Flags&) {
       return NoEquivalent(std::string(kFixedStages) +
                   " Use aliases (@champion, @challenger) or tags (e.g. validation_status) for "
                   "what a custom stage would say.");
     }},
    {"stages remove",
     [](const Flags&) { return NoEquivalent(std::string(kFixedStages)); }},
    {"stages set-exclusive",
     [](const Flags&) {
       return NoEquivalent(
           "MLflow allows several versions of a model in one stage; the closest is "
           "archive_existing_versions=True on each transition to Staging or Production. An alias "
           "is exclusive by nature: it names one version.");
     }},
    {"stages gate",
     [](const Flags&) {
       return NoEquivalent(
           "Open-source MLflow has no promotion gates: check metrics and tags (e.g. "
           "validation_status) in CI before moving an alias. Its registry webhooks (MLflow "
           "3.3.0, experimental) have no stage-change event. SageMaker gates on a model "
           "package's ModelApprovalStatus; approval emits an EventBridge \"Model Package State "
           "Change\" event that starts the deploy pipeline.");
     }},

    // Requests
    {"models request-transition",
     [](const Flags& f) {
       return NoEquivalent(std::string(kDatabricksRequests) + " There: databricks model-registry " +
                   "create-transition-request " + ShellWord(f.model_name) + " " +
                   std::to_string(f.version) + " " + ShellWord(f.stage) + ". " +
                   kSageMakerApproval + " (a new package starts PendingManualApproval by the "
                   "SDK's default).");
     }},
    {"models list-requests",
     [](const Flags&) {
       return NoEquivalent(std::string(kDatabricksRequests) +
                   " There: databricks model-registry list-transition-requests NAME VERSION.");
     }},
    {"models approve-request",
     [](const Flags&) {
       return NoEquivalent(std::string(kDatabricksRequests) +
                   " There a request is named by model, version and stage, not by an id: "
                   "databricks model-registry approve-transition-request NAME VERSION STAGE "
                   "ARCHIVE_EXISTING_VERSIONS. " + kSageMakerApproval +
                   " Approve with update_model_package(ModelPackageArn=..., "
                   "ModelApprovalStatus=\"Approved\").");
     }},
    {"models reject-request",
     [](const Flags&) {
       return NoEquivalent(std::string(kDatabricksRequests) +
                   " There: databricks model-registry reject-transition-request NAME VERSION "
                   "STAGE. " + kSageMakerApproval + " (Rejected can be changed again).");
     }},
    {"models cancel-request",
     [](const Flags&) {
       return NoEquivalent(std::string(kDatabricksRequests) +
                   " There the requester cancels with databricks model-registry "
                   "delete-transition-request NAME VERSION STAGE CREATOR.");
     }},

    // Deployments
    {"models deploy",
     [](const Flags& f) {
       std::string note = std::string(kNoServing) + " Here: mlflow models serve -m " +
                          ShellWord("models:/" + f.model_name + "/" + std::to_string(f.version)) +
                          " -p 1234.";
       if (f.traffic < 100) {
         note += " A canary is set at the endpoint: SageMaker blue/green deployments shift "
                 "traffic in canary or linear steps; a Vertex AI endpoint splits traffic between "
                 "deployed models by percentage.";
       }
       return NoEquivalent(note);
     }},
    {"models promote-canary",
     [](const Flags&) {
       return NoEquivalent(std::string(kNoServing) +
                   " Promoting a canary is an endpoint's traffic shift to 100% (SageMaker "
                   "blue/green, a Vertex AI endpoint's traffic split).");
     }},
    {"models rollback",
     [](const Flags& f) {
       return NoEquivalent(
           "MLflow has no rollback. With aliases, point the alias back at the previous version: "
           "set_registered_model_alias(name=" + Py(f.model_name) +
           ", alias=\"champion\", version=PREVIOUS). With stages, moving the old version back to "
           "Production changes nothing for models:/NAME/Production while the newer one stays "
           "there (the highest version number in the stage wins): archive the newer one. "
           "SageMaker documents rollback at the endpoint: blue/green deployments roll back "
           "automatically when CloudWatch alarms fire.");
     }},
    {"models deployments",
     [](const Flags&) {
       return NoEquivalent(std::string(kNoServing) +
                   " Ask the serving platform what each endpoint serves.");
     }},

    // Users and environments
    {"users add",
     [](const Flags&) {
       return NoEquivalent(
           "MLflow has no roles such as developer or approver. Its basic-auth app (mlflow server "
           "--app-name basic-auth, experimental) has users with READ, EDIT, MANAGE or "
           "NO_PERMISSIONS on each registered model. The Databricks workspace registry has "
           "per-model permissions, among them CAN_MANAGE_STAGING_VERSIONS and "
           "CAN_MANAGE_PRODUCTION_VERSIONS.");
     }},
    {"users set-role",
     [](const Flags&) {
       return NoEquivalent(
           "MLflow has no roles. With its basic-auth app a permission (READ, EDIT, MANAGE, "
           "NO_PERMISSIONS) is granted per user and registered model.");
     }},
    {"users list",
     [](const Flags&) {
       return NoEquivalent("MLflow has no roles; its experimental basic-auth app keeps users and "
                   "per-model permissions.");
     }},
    {"environments list",
     [](const Flags&) {
       return NoEquivalent(
           "MLflow has no environments. The documented migration from stages keeps a separate "
           "registered model per environment and promotes across them with copy_model_version.");
     }},
    {"environments add",
     [](const Flags&) {
       return NoEquivalent(
           "MLflow has no environments: register a separate model per environment and promote "
           "into it with copy_model_version (the documented migration from stages).");
     }},
};

const Entry* FindEntry(std::string_view command) {
  for (const Entry& entry : kEntries) {
    if (command == entry.command) return &entry;
  }
  return nullptr;
}

// "stagecraft models create" -> "models create".
std::string CommandOf(const CLI::App* leaf) {
  const std::string path = PathOf(leaf);
  const auto space = path.find(' ');
  return space == std::string::npos ? path : path.substr(space + 1);
}

}  // namespace

MlflowEquivalent EquivalentOfLeaf(const Grammar& grammar, const CLI::App* leaf) {
  const std::string command = CommandOf(leaf);
  const Entry* entry = FindEntry(command);
  auto flags = grammar.leaf_flags.find(leaf);
  MlflowEquivalent equivalent =
      entry != nullptr && flags != grammar.leaf_flags.end()
          ? entry->make(*flags->second)
          : NoEquivalent("No MLflow equivalent is recorded for this command yet.");
  equivalent.command = command;
  return equivalent;
}

}  // namespace internal

// ---------------------------------------------------------------------------------------------
// The public API

engine::Result<MlflowEquivalent> MlflowEquivalentOf(const std::vector<std::string>& args) {
  internal::Grammar grammar({});
  CommandResult result;
  const CLI::App* leaf = internal::ParseWords(grammar, args, result);
  if (leaf == nullptr) {
    if (result.usage_error) return result.status;
    return engine::Status::InvalidArgument("--help asks for help, not for a command to map");
  }
  return internal::EquivalentOfLeaf(grammar, leaf);
}

std::vector<std::string> GrammarCommands() {
  internal::Grammar grammar({});
  std::vector<std::string> commands;
  for (const auto& [leaf, handler] : grammar.handlers) {
    (void)handler;
    commands.push_back(internal::CommandOf(leaf));
  }
  std::sort(commands.begin(), commands.end());
  return commands;
}

bool HasMlflowEntry(std::string_view command) { return internal::FindEntry(command) != nullptr; }

namespace {

constexpr std::size_t kMlflowTextWidth = 80;  // what the README's terminal is

// `text` as lines of at most kMlflowTextWidth, the first after `first`, the others after `indent`.
std::string MlflowWrapWords(std::string_view text, const std::string& first, const std::string& indent) {
  std::string out, line = first;
  bool line_has_word = false;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t space = text.find(' ', at);
    const std::string_view word =
        text.substr(at, space == std::string_view::npos ? std::string_view::npos : space - at);
    at = space == std::string_view::npos ? text.size() : space + 1;
    if (word.empty()) continue;
    if (line_has_word && line.size() + 1 + word.size() > kMlflowTextWidth) {
      out += line + "\n";
      line = indent;
      line_has_word = false;
    }
    line += (line_has_word ? " " : "") + std::string(word);
    line_has_word = true;
  }
  return out + line + "\n";
}

// A Python call longer than the terminal, broken inside its parentheses (still valid Python, so
// it can be pasted): `f(` on the first line, the arguments packed on indented lines after it.
std::string MlflowPythonLines(const std::string& line, const std::string& indent) {
  if (indent.size() + line.size() <= kMlflowTextWidth) return indent + line + "\n";
  // A trailing comment too long for the line goes on lines of its own after the code, wrapped.
  if (const std::size_t hash = line.find("  # "); hash != std::string::npos) {
    return MlflowPythonLines(line.substr(0, hash), indent) +
           MlflowWrapWords(line.substr(hash + 4), indent + "# ", indent + "# ");
  }
  if (line.empty() || line.back() != ')') return indent + line + "\n";
  // The '(' that the final ')' closes (so `MlflowClient().f(...)` breaks inside f's call).
  std::size_t open = std::string::npos;
  {
    std::vector<std::size_t> opened;
    char in_quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (in_quote != 0) {
        if (c == '\\') {
          ++i;
        } else if (c == in_quote) {
          in_quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        in_quote = c;
      } else if (c == '(') {
        opened.push_back(i);
      } else if (c == ')' && !opened.empty()) {
        if (i + 1 == line.size()) open = opened.back();
        opened.pop_back();
      }
    }
  }
  if (open == std::string::npos) return indent + line + "\n";
  std::vector<std::string> args;  // split at top-level ", " outside strings
  std::string current;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open + 1; i + 1 < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      current += c;
      if (c == '\\' && i + 2 < line.size()) {
        current += line[++i];
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      args.push_back(current);
      current.clear();
      if (i + 1 < line.size() && line[i + 1] == ' ') ++i;
      continue;
    }
    current += c;
  }
  if (!current.empty()) args.push_back(current);
  std::string out = indent + line.substr(0, open + 1) + "\n";
  const std::string inner = indent + "    ";
  std::string row = inner;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string piece = args[i] + (i + 1 < args.size() ? "," : ")");
    if (row.size() > inner.size() && row.size() + 1 + piece.size() > kMlflowTextWidth) {
      out += row + "\n";
      row = inner;
    }
    row += (row.size() > inner.size() ? " " : "") + piece;
  }
  return out + row + "\n";
}

}  // namespace

std::string MlflowPythonCode(const MlflowEquivalent& e, const std::string& indent) {
  if (!e.has_equivalent) return "";
  std::string text;
  if (e.python.find("mlflow.") != std::string::npos) text += indent + "import mlflow\n";
  if (e.python.find("MlflowClient()") != std::string::npos) {
    text += indent + "from mlflow import MlflowClient\n";
  }
  std::size_t start = 0;
  while (start <= e.python.size()) {
    const auto end = e.python.find('\n', start);
    text += MlflowPythonLines(e.python.substr(start, end - start), indent);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return text;
}

std::string MlflowEquivalentText(const MlflowEquivalent& e) {
  std::string text;
  if (e.has_equivalent) {
    text += "MLflow (open source, Python client):\n" + MlflowPythonCode(e, "  ");
  } else {
    text += MlflowWrapWords("Open-source MLflow has no equivalent of 'stagecraft " + e.command + "'.",
                      "", "  ");
  }
  if (!e.note.empty()) text += MlflowWrapWords(e.note, "Note: ", "      ");
  return text;
}

std::string MlflowEquivalentJson(const MlflowEquivalent& e) {
  return DumpJson(nlohmann::json{{"command", e.command},
                                  {"has_equivalent", e.has_equivalent},
                                  {"python", e.python},
                                  {"note", e.note}});
}

std::string PythonString(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out += "\\x";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace stagecraft::commands
