// Commands over models, versions, stages and aliases.

#include "grammar.h"

namespace stagecraft::commands::internal {

// ---------------------------------------------------------------------------------------------
// Models

std::string DescribeVersion(const engine::ModelVersion& v) {
  Table t = Table::Fields();
  t.AddRow({"Model", v.model_name});
  t.AddRow({"Version", std::to_string(v.version)});
  t.AddRow({"Stage", v.stage});
  t.AddRow({"Aliases", Join(v.aliases, ", ")});
  t.AddRow({"Run ID", v.run_id});
  t.AddRow({"Source", v.source});
  t.AddRow({"Metrics", FormatMetrics(v.metrics)});
  t.AddRow({"Tags", FormatTags(v.tags)});
  t.AddRow({"Description", v.description});
  t.AddRow({"Creator", v.creator});
  t.AddRow({"Created", FormatTime(v.created_at)});
  t.AddRow({"Updated", FormatTime(v.updated_at)});
  return t.Render();
}

std::string VersionsTable(const std::vector<engine::ModelVersion>& versions, bool with_model) {
  std::vector<std::string> headers = {"Version", "Stage", "Run ID", "Aliases", "Metrics", "Source"};
  if (with_model) headers.insert(headers.begin(), "Model");
  Table t(headers);
  for (const auto& v : versions) {
    std::vector<std::string> row = {std::to_string(v.version), v.stage, v.run_id,
                                    Join(v.aliases, ", "), FormatMetrics(v.metrics), v.source};
    if (with_model) row.insert(row.begin(), v.model_name);
    t.AddRow(std::move(row));
  }
  return t.Render();
}

std::string AliasesText(const std::map<std::string, std::int64_t>& aliases) {
  std::string out;
  for (const auto& [alias, version] : aliases) {
    if (!out.empty()) out += ", ";
    out += alias + "->" + std::to_string(version);
  }
  return out;
}

void AddModelCommands(Grammar& g, CLI::App* models) {
  g.Leaf(models, "create", "Register a new model name.", "stagecraft models create NAME [--description T]",
       [](CLI::App& c, Flags& f) {
         c.add_option("name", f.name, "model name (stored exactly as given)")->required();
         c.add_option("--description,-d", f.description, "what the model is for");
       },
       [](Context& c, const Flags& f) -> Status {
         c.subject.model_name = f.name;
         auto model = c.registry.CreateModel(f.name, f.description, c.actor);
         if (!model.ok()) return model.status();
         c.out += c.json ? DumpJson(ToJson(*model)) : "Registered model " + Q(f.name) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "list", "List registered models.", "stagecraft models list",
       [](CLI::App&, Flags&) {},
       [](Context& c, const Flags&) -> Status {
         auto models = c.registry.ListModels();
         if (!models.ok()) return models.status();
         if (c.json) {
           json array = json::array();
           for (const auto& m : *models) array.push_back(ToJson(m));
           c.out += DumpJson(array);
         } else if (models->empty()) {
           c.out += "No models yet. Register one with: stagecraft models create NAME\n";
         } else {
           Table t({"Name", "Latest", "Aliases", "Updated", "Description"});
           for (const auto& m : *models) {
             t.AddRow({m.name, m.latest_version ? std::to_string(m.latest_version) : "-",
                       AliasesText(m.aliases), FormatTime(m.updated_at), m.description});
           }
           c.out += t.Render();
         }
         return Status::Ok();
       });

  g.Leaf(models, "get", "Show one registered model.", "stagecraft models get NAME",
       [](CLI::App& c, Flags& f) { c.add_option("name", f.name, "model name")->required(); },
       [](Context& c, const Flags& f) -> Status {
         c.subject.model_name = f.name;
         auto m = c.registry.GetModel(f.name);
         if (!m.ok()) return m.status();
         if (c.json) {
           c.out += DumpJson(ToJson(*m));
           return Status::Ok();
         }
         Table t = Table::Fields();
         t.AddRow({"Name", m->name});
         t.AddRow({"Description", m->description});
         t.AddRow({"Latest", std::to_string(m->latest_version)});
         t.AddRow({"Aliases", AliasesText(m->aliases)});
         t.AddRow({"Tags", FormatTags(m->tags)});
         t.AddRow({"Created", FormatTime(m->created_at)});
         t.AddRow({"Updated", FormatTime(m->updated_at)});
         c.out += t.Render();
         return Status::Ok();
       });

  g.Leaf(models, "update", "Change a model's description.",
       "stagecraft models update NAME --description T",
       [](CLI::App& c, Flags& f) {
         c.add_option("name", f.name, "model name")->required();
         c.add_option("--description,-d", f.description, "new description")->required();
       },
       [](Context& c, const Flags& f) -> Status {
         c.subject.model_name = f.name;
         SC_RETURN_IF_ERROR(c.registry.UpdateModelDescription(f.name, f.description, c.actor));
         c.out += c.json ? DumpJson({{"name", f.name}, {"description", f.description}})
                         : "Updated the description of model " + Q(f.name) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "delete", "Delete a model and all its versions (the audit log keeps their history).",
       "stagecraft models delete NAME",
       [](CLI::App& c, Flags& f) { c.add_option("name", f.name, "model name")->required(); },
       [](Context& c, const Flags& f) -> Status {
         c.subject.model_name = f.name;
         SC_RETURN_IF_ERROR(c.registry.DeleteModel(f.name, c.actor));
         c.out += c.json ? DumpJson({{"deleted", f.name}})
                         : "Deleted model " + Q(f.name) + " and its versions.\n";
         return Status::Ok();
       });

  g.Leaf(models, "set-tag", "Set a tag on a model, or on one version with --version.",
       "stagecraft models set-tag --model-name N [--version V] --key K --value V",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f, false);
         c.add_option("--key,-k", f.key, "tag key")->required();
         c.add_option("--value", f.value, "tag value")->required();
       },
       [](Context& c, const Flags& f) -> Status {
         if (f.version) {
           SC_RETURN_IF_ERROR(
               c.registry.SetVersionTag(f.model_name, f.version, f.key, f.value, c.actor));
         } else {
           SC_RETURN_IF_ERROR(c.registry.SetModelTag(f.model_name, f.key, f.value, c.actor));
         }
         std::string target = f.version ? "version " + std::to_string(f.version) + " of model " +
                                              Q(f.model_name)
                                        : "model " + Q(f.model_name);
         c.out += c.json ? DumpJson({{"model_name", f.model_name},
                                     {"version", f.version ? json(f.version) : json(nullptr)},
                                     {"key", f.key},
                                     {"value", f.value}})
                         : "Tagged " + target + " with " + f.key + "=" + f.value + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "delete-tag", "Remove a tag from a model, or from one version with --version.",
       "stagecraft models delete-tag --model-name N [--version V] --key K",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f, false);
         c.add_option("--key,-k", f.key, "tag key")->required();
       },
       [](Context& c, const Flags& f) -> Status {
         if (f.version) {
           SC_RETURN_IF_ERROR(c.registry.DeleteVersionTag(f.model_name, f.version, f.key, c.actor));
         } else {
           SC_RETURN_IF_ERROR(c.registry.DeleteModelTag(f.model_name, f.key, c.actor));
         }
         c.out += c.json ? DumpJson({{"deleted_tag", f.key}})
                         : "Removed tag " + Q(f.key) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "set-alias", "Point an alias (e.g. champion) at a version, moving it if needed.",
       "stagecraft models set-alias --model-name N --alias A --version V",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         c.add_option("--alias,-a", f.alias, "alias name")->required();
         VersionFlag(c, f);
       },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(c.registry.SetAlias(f.model_name, f.alias, f.version, c.actor));
         c.out += c.json ? DumpJson({{"model_name", f.model_name},
                                     {"alias", f.alias},
                                     {"version", f.version}})
                         : "Alias " + Q(f.alias) + " of model " + Q(f.model_name) +
                               " now points at version " + std::to_string(f.version) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "delete-alias", "Remove an alias.",
       "stagecraft models delete-alias --model-name N --alias A",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         c.add_option("--alias,-a", f.alias, "alias name")->required();
       },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(c.registry.DeleteAlias(f.model_name, f.alias, c.actor));
         c.out += c.json ? DumpJson({{"deleted_alias", f.alias}})
                         : "Removed alias " + Q(f.alias) + " of model " + Q(f.model_name) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "resolve",
       "Show the version a models:/ URI names: models:/N/3, models:/N/Production, "
       "models:/N/latest, models:/N@alias.",
       "stagecraft models resolve URI",
       [](CLI::App& c, Flags& f) { c.add_option("uri", f.uri, "models:/ URI")->required(); },
       [](Context& c, const Flags& f) -> Status {
         auto v = c.registry.Resolve(f.uri);
         if (!v.ok()) return v.status();
         c.out += c.json ? DumpJson(ToJson(*v)) : DescribeVersion(*v);
         return Status::Ok();
       });

  g.Leaf(models, "history", "The audit log of a model, or of one version, oldest first.",
       "stagecraft models history --model-name N [--version V]",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f, false);
       },
       [](Context& c, const Flags& f) -> Status {
         engine::HistoryQuery query;
         query.model_name = f.model_name;
         if (f.version) query.version = f.version;
         auto events = c.registry.History(query);
         if (!events.ok()) return events.status();
         if (c.json) {
           json array = json::array();
           for (const auto& e : *events) array.push_back(ToJson(e));
           c.out += DumpJson(array);
           return Status::Ok();
         }
         Table t({"Seq", "Time", "Actor", "Action", "Version", "From", "To", "Env", "Comment"});
         for (const auto& e : *events) {
           t.AddRow({std::to_string(e.seq), FormatTime(e.time), e.actor, e.action,
                     e.version ? std::to_string(*e.version) : "", e.from_stage, e.to_stage,
                     e.environment, e.comment});
         }
         c.out += t.Render();
         return Status::Ok();
       });

  g.Leaf(models, "search",
       "Find versions: e.g. \"stage = 'Production' AND accuracy > 0.9\". Fields: name, stage, "
       "run_id, source, version, alias, tags.KEY, metrics.KEY (or a bare metric name); "
       "operators = != < <= > >= LIKE; clauses joined by AND.",
       "stagecraft models search FILTER",
       [](CLI::App& c, Flags& f) { c.add_option("filter", f.filter, "filter expression")->required(); },
       [](Context& c, const Flags& f) -> Status {
         auto versions = c.registry.SearchVersions(f.filter);
         if (!versions.ok()) return versions.status();
         if (c.json) {
           json array = json::array();
           for (const auto& v : *versions) array.push_back(ToJson(v));
           c.out += DumpJson(array);
         } else if (versions->empty()) {
           c.out += "No versions match.\n";
         } else {
           c.out += VersionsTable(*versions, true);
         }
         return Status::Ok();
       });
}

// ---------------------------------------------------------------------------------------------
// Versions

void AddVersionCommands(Grammar& g, CLI::App* models) {
  g.Leaf(models, "create-version", "Register a new version of a model; it starts in stage None.",
       "stagecraft models create-version --model-name N --source URI [--run-id ID] "
       "[--metric K=V]... [--tag K=V]... [--description T]",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         c.add_option("--source,-s", f.source, "where the model's files are, e.g. runs:/<run_id>/model")
             ->required();
         c.add_option("--run-id,-r", f.run_id, "the training run that produced it");
         c.add_option("--metric", f.metrics, "a metric, KEY=NUMBER (repeatable)")
             ->check(CLI::Validator([](std::string& s) { return CheckKeyValue(s, true); },
                                    "KEY=NUMBER"));
         c.add_option("--tag", f.tags, "a tag, KEY=VALUE (repeatable)")
             ->check(CLI::Validator([](std::string& s) { return CheckKeyValue(s, false); },
                                    "KEY=VALUE"));
         c.add_option("--description,-d", f.description, "notes on this version");
       },
       [](Context& c, const Flags& f) -> Status {
         engine::NewModelVersion spec;
         spec.model_name = f.model_name;
         spec.source = f.source;
         spec.run_id = f.run_id;
         spec.description = f.description;
         for (const auto& m : f.metrics) {
           auto eq = m.find('=');
           spec.metrics[m.substr(0, eq)] = std::strtod(m.c_str() + eq + 1, nullptr);
         }
         for (const auto& t : f.tags) {
           auto eq = t.find('=');
           spec.tags[t.substr(0, eq)] = t.substr(eq + 1);
         }
         auto v = c.registry.CreateModelVersion(spec, c.actor);
         if (!v.ok()) return v.status();
         c.out += c.json ? DumpJson(ToJson(*v))
                         : "Created version " + std::to_string(v->version) + " of model " +
                               Q(v->model_name) + " in stage " + v->stage + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "get-version", "Show one version.",
       "stagecraft models get-version --model-name N --version V",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f);
       },
       [](Context& c, const Flags& f) -> Status {
         auto v = c.registry.GetModelVersion(f.model_name, f.version);
         if (!v.ok()) return v.status();
         c.out += c.json ? DumpJson(ToJson(*v)) : DescribeVersion(*v);
         return Status::Ok();
       });

  g.Leaf(models, "list-versions", "List a model's versions with their stages, oldest first.",
       "stagecraft models list-versions --model-name N",
       [](CLI::App& c, Flags& f) { ModelNameFlag(c, f); },
       [](Context& c, const Flags& f) -> Status {
         auto versions = c.registry.ListModelVersions(f.model_name);
         if (!versions.ok()) return versions.status();
         if (c.json) {
           json array = json::array();
           for (const auto& v : *versions) array.push_back(ToJson(v));
           c.out += DumpJson(array);
         } else if (versions->empty()) {
           c.out += "Model " + Q(f.model_name) + " has no versions yet.\n";
         } else {
           c.out += VersionsTable(*versions, false);
         }
         return Status::Ok();
       });

  g.Leaf(models, "update-version", "Change a version's description.",
       "stagecraft models update-version --model-name N --version V --description T",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f);
         c.add_option("--description,-d", f.description, "new description")->required();
       },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(
             c.registry.UpdateVersionDescription(f.model_name, f.version, f.description, c.actor));
         c.out += c.json ? DumpJson({{"model_name", f.model_name}, {"version", f.version},
                                     {"description", f.description}})
                         : "Updated the description of version " + std::to_string(f.version) +
                               " of model " + Q(f.model_name) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "set-metric", "Record (or overwrite) a metric on a version, e.g. after evaluation.",
       "stagecraft models set-metric --model-name N --version V --key K --value NUMBER",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f);
         c.add_option("--key,-k", f.key, "metric name")->required();
         c.add_option("--value", f.number, "metric value")->required()->check(FiniteNumber());
       },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(
             c.registry.SetVersionMetric(f.model_name, f.version, f.key, f.number, c.actor));
         c.out += c.json ? DumpJson({{"model_name", f.model_name}, {"version", f.version},
                                     {"key", f.key}, {"value", f.number}})
                         : "Recorded " + f.key + "=" + FormatNumber(f.number) + " on version " +
                               std::to_string(f.version) + " of model " + Q(f.model_name) + ".\n";
         return Status::Ok();
       });

  g.Leaf(models, "delete-version", "Delete a version; its number is never given out again.",
       "stagecraft models delete-version --model-name N --version V",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f);
       },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(c.registry.DeleteModelVersion(f.model_name, f.version, c.actor));
         c.out += c.json ? DumpJson({{"model_name", f.model_name}, {"deleted_version", f.version}})
                         : "Deleted version " + std::to_string(f.version) + " of model " +
                               Q(f.model_name) + "; its number will not be reused.\n";
         return Status::Ok();
       });

  g.Leaf(models, "transition-stage",
       "Move a version to a stage. With --archive-existing, the model's other versions in that "
       "stage move to Archived in the same step.",
       "stagecraft models transition-stage --model-name N --version V --stage S "
       "[--archive-existing] [--comment T] [--force]",
       [](CLI::App& c, Flags& f) {
         ModelNameFlag(c, f);
         VersionFlag(c, f);
         c.add_option("--stage", f.stage, "target stage (any letter case)")->required();
         c.add_flag("--archive-existing", f.archive_existing,
                    "archive the other versions in the target stage");
         c.add_option("--comment,-c", f.comment, "why (kept in the audit log)");
         c.add_flag("--force", f.force,
                    "archive or move out a version an environment still serves (admin; audited)");
       },
       [](Context& c, const Flags& f) -> Status {
         engine::StageTransition t{f.model_name, f.version,  f.stage,
                                   f.archive_existing, f.comment, f.force};
         auto outcome = c.registry.TransitionStage(t, c.actor);
         if (!outcome.ok()) return outcome.status();
         if (c.json) {
           c.out += DumpJson(ToJson(*outcome));
           return Status::Ok();
         }
         c.out += TransitionText(*outcome);
         return Status::Ok();
       });
}

// ---------------------------------------------------------------------------------------------
// Stages

void AddStageCommands(Grammar& g, CLI::App* stages) {
  g.Leaf(stages, "list", "List the stages in order.", "stagecraft stages list",
       [](CLI::App&, Flags&) {},
       [](Context& c, const Flags&) -> Status {
         auto list = c.registry.ListStages();
         if (!list.ok()) return list.status();
         if (c.json) {
           json array = json::array();
           for (const auto& s : *list) array.push_back(ToJson(s));
           c.out += DumpJson(array);
           return Status::Ok();
         }
         Table t({"#", "Stage", "Exclusive", "Built-in", "Gate"});
         for (const auto& s : *list) {
           t.AddRow({std::to_string(s.position), s.name, s.exclusive ? "yes" : "no",
                     s.builtin ? "yes" : "no", GateText(s)});
         }
         c.out += t.Render();
         return Status::Ok();
       });

  g.Leaf(stages, "add", "Add a stage (a Stagecraft feature: MLflow's four stages are fixed).",
       "stagecraft stages add NAME [--before STAGE] [--exclusive]",
       [](CLI::App& c, Flags& f) {
         c.add_option("name", f.name, "stage name: a letter, then letters, digits, _ or -")
             ->required();
         c.add_option("--before,-b", f.before, "the stage it goes before (default: Archived)");
         c.add_flag("--exclusive", f.exclusive, "at most one version of a model may be in it");
       },
       [](Context& c, const Flags& f) -> Status {
         auto stage = c.registry.AddStage(f.name, f.before, f.exclusive, c.actor);
         if (!stage.ok()) return stage.status();
         c.out += c.json ? DumpJson(ToJson(*stage))
                         : "Added stage " + Q(stage->name) + " at position " +
                               std::to_string(stage->position) +
                               (stage->exclusive ? " (exclusive)" : "") + ".\n";
         return Status::Ok();
       });

  g.Leaf(stages, "remove", "Remove an added stage that holds no version.",
       "stagecraft stages remove NAME",
       [](CLI::App& c, Flags& f) { c.add_option("name", f.name, "stage name")->required(); },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(c.registry.RemoveStage(f.name, c.actor));
         c.out += c.json ? DumpJson({{"removed", f.name}}) : "Removed stage " + Q(f.name) + ".\n";
         return Status::Ok();
       });

  g.Leaf(stages, "set-exclusive",
       "Allow at most one version of each model in a stage (or lift that with --off).",
       "stagecraft stages set-exclusive NAME [--off]",
       [](CLI::App& c, Flags& f) {
         c.add_option("name", f.name, "stage name")->required();
         c.add_flag("--off", f.off, "make the stage non-exclusive again");
       },
       [](Context& c, const Flags& f) -> Status {
         SC_RETURN_IF_ERROR(c.registry.SetStageExclusive(f.name, !f.off, c.actor));
         c.out += c.json ? DumpJson({{"stage", f.name}, {"exclusive", !f.off}})
                         : "Stage " + Q(f.name) + (f.off ? " is no longer" : " is now") +
                               " exclusive.\n";
         return Status::Ok();
       });
}

}  // namespace stagecraft::commands::internal
