// The stagecraft executable end to end, as a user runs it: a real process per command, real files,
// real exit codes. Every test runs in a fresh temporary sandbox whose HOME and XDG_DATA_HOME point
// inside it, so nothing outside the sandbox is read or written.

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "piped_run.h"

#ifndef STAGECRAFT_EXE
#error "STAGECRAFT_EXE must name the stagecraft executable"
#endif

extern char** environ;

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

// What one run of the executable printed, and how it ended.
struct Outcome {
  int exit_code = -1;  // the exit status; -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Environment changes for one run: a value sets the variable, nullopt unsets it.
using EnvChanges = std::map<std::string, std::optional<std::string>>;

// A fresh temporary directory with home/, xdg/ and work/ (the current directory of every run);
// removed with everything in it at the end of the test.
class Sandbox {
 public:
  Sandbox() {
    std::string pattern = (fs::temp_directory_path() / "stagecraft-cli-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
    for (const char* dir : {"home", "xdg", "work", "io"}) fs::create_directory(root_ / dir);
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  fs::path root() const { return root_; }
  fs::path home() const { return root_ / "home"; }
  fs::path xdg() const { return root_ / "xdg"; }
  fs::path work() const { return root_ / "work"; }
  std::string Path(const std::string& name) const { return (root_ / name).string(); }

  // A process that is running: its id and where its output goes.
  struct Started {
    pid_t pid = -1;
    std::string out_path;
    std::string err_path;
  };

  // Starts the executable with `args`, HOME and XDG_DATA_HOME inside the sandbox (unless `env`
  // says otherwise), stdout and stderr going to files; does not wait for it.
  Started Start(const std::vector<std::string>& args, const EnvChanges& env = {}) {
    std::map<std::string, std::string> variables;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string entry = *e;
      auto eq = entry.find('=');
      if (eq != std::string::npos) variables[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    variables["HOME"] = home().string();
    variables["XDG_DATA_HOME"] = xdg().string();
    for (const auto& [name, value] : env) {
      if (value) {
        variables[name] = *value;
      } else {
        variables.erase(name);
      }
    }
    std::vector<std::string> env_entries;
    for (const auto& [name, value] : variables) env_entries.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& entry : env_entries) envp.push_back(entry.data());
    envp.push_back(nullptr);

    std::vector<std::string> argv_strings = {STAGECRAFT_EXE};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);

    Started started;
    started.out_path = (root_ / "io" / ("out" + std::to_string(runs_))).string();
    started.err_path = (root_ / "io" / ("err" + std::to_string(runs_))).string();
    ++runs_;
    const std::string& out_path = started.out_path;
    const std::string& err_path = started.err_path;
    const std::string work_dir = work().string();

    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int null_fd = open("/dev/null", O_RDONLY);
      if (out_fd < 0 || err_fd < 0 || null_fd < 0 || chdir(work_dir.c_str()) != 0) _exit(127);
      dup2(null_fd, STDIN_FILENO);
      dup2(out_fd, STDOUT_FILENO);
      dup2(err_fd, STDERR_FILENO);
      execve(argv[0], argv.data(), envp.data());
      _exit(127);
    }
    started.pid = pid;
    return started;
  }

  // Waits for a process Start gave and returns what it printed.
  static Outcome Wait(const Started& started) {
    int status = 0;
    REQUIRE(waitpid(started.pid, &status, 0) == started.pid);
    Outcome outcome;
    if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    outcome.out = ReadFile(started.out_path);
    outcome.err = ReadFile(started.err_path);
    return outcome;
  }

  // Runs the executable to the end (Start, then Wait).
  Outcome Run(const std::vector<std::string>& args, const EnvChanges& env = {}) {
    return Wait(Start(args, env));
  }

  // Runs a command that must succeed (exit 0, nothing on stderr) and returns its stdout.
  std::string Ok(const std::vector<std::string>& args, const EnvChanges& env = {}) {
    Outcome o = Run(args, env);
    REQUIRE_MESSAGE(o.exit_code == 0, Describe(args)
                                          << "\nexit " << o.exit_code << "\nerr: " << o.err);
    CHECK_MESSAGE(o.err.empty(), Describe(args) << "\nerr: " << o.err);
    return o.out;
  }

  // Runs a command that must succeed and parses its stdout as JSON.
  json Json(const std::vector<std::string>& args, const EnvChanges& env = {}) {
    std::string out = Ok(args, env);
    json value;
    REQUIRE_NOTHROW_MESSAGE(value = json::parse(out), Describe(args) << "\nout: " << out);
    return value;
  }

  // Runs a command that must fail with `exit_code`, "error: ..." on stderr and nothing on stdout.
  Outcome Fails(const std::vector<std::string>& args, int exit_code, const EnvChanges& env = {}) {
    Outcome o = Run(args, env);
    REQUIRE_MESSAGE(o.exit_code == exit_code, Describe(args)
                                                  << "\nexit " << o.exit_code << "\nout: " << o.out
                                                  << "\nerr: " << o.err);
    CHECK_MESSAGE(o.out.empty(), Describe(args) << "\nout: " << o.out);
    CHECK_MESSAGE(o.err.rfind("error: ", 0) == 0, Describe(args) << "\nerr: " << o.err);
    return o;
  }

  // Every regular file under home/, xdg/ and work/, relative to the sandbox.
  std::vector<std::string> DataFiles() const {
    std::vector<std::string> files;
    for (const fs::path& dir : {home(), xdg(), work()}) {
      for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_directory()) files.push_back(fs::relative(entry.path(), root_).string());
      }
    }
    return files;
  }

 private:
  static std::string Describe(const std::vector<std::string>& args) {
    std::string line = "stagecraft";
    for (const auto& a : args) line += " " + a;
    return line;
  }

  fs::path root_;
  int runs_ = 0;
};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + "\n";
  return out;
}

}  // namespace

#ifdef STAGECRAFT_NO_GUI
TEST_CASE("a build without the window says so for gui, whatever its flags, and exits 1") {
  Sandbox box;
  Outcome o = box.Run({"gui", "--open", "quiz:stages-basics", "--count", "3"});
  CHECK(o.exit_code == 1);
  CHECK(o.out.empty());
  CHECK(o.err ==
        "error: this stagecraft was built without the window (-DSTAGECRAFT_GUI=OFF); learn in "
        "the terminal: stagecraft demo, stagecraft lesson ID, stagecraft quiz\n");
}
#endif

TEST_CASE("demo exits 0 and prints every step of the scripted tour") {
  Sandbox box;
  Outcome o = box.Run({"demo"});
  CHECK(o.exit_code == 0);
  CHECK(o.err.empty());
  CHECK(Contains(o.out, "[1] $ stagecraft models create churn-classifier"));
  CHECK(Contains(o.out, "Registered model 'churn-classifier'."));
  CHECK(Contains(o.out, "Version  Stage"));  // a list-versions table
  // Steps are numbered 1, 2, 3... and the closing line counts them all.
  int steps = 0;
  std::istringstream lines(o.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("[" + std::to_string(steps + 1) + "] $ stagecraft ", 0) == 0) ++steps;
  }
  CHECK(steps >= 10);
  CHECK(Contains(o.out, "Done: " + std::to_string(steps) + " steps"));
  CHECK_MESSAGE(box.DataFiles().empty(), "the demo wrote:\n" << Join(box.DataFiles()));
}

TEST_CASE("state persists between processes that share a --db file") {
  Sandbox box;
  const std::string db = (box.work() / "registry.db").string();
  CHECK(box.Ok({"--db", db, "models", "create", "churn", "--description", "Predicts churn"}) ==
        "Registered model 'churn'.\n");
  box.Ok({"--db", db, "models", "create-version", "--model-name", "churn", "--source",
          "runs:/a1/model", "--run-id", "a1", "--metric", "accuracy=0.91", "--tag", "team=growth"});
  box.Ok({"--db", db, "models", "create-version", "--model-name", "churn", "--source",
          "runs:/b2/model", "--run-id", "b2", "--metric", "accuracy=0.94"});
  box.Ok({"--db", db, "models", "transition-stage", "--model-name", "churn", "--version", "1",
          "--stage", "production"});
  box.Ok({"--db", db, "users", "add", "alice", "--role", "developer"});
  box.Ok({"--db", db, "--as", "alice", "models", "transition-stage", "--model-name", "churn",
          "--version", "2", "--stage", "Production", "--archive-existing", "--comment", "better"});
  box.Ok({"--db", db, "models", "set-alias", "--model-name", "churn", "--alias", "champion",
          "--version", "2"});
  box.Ok({"--db", db, "stages", "add", "QA", "--before", "Production", "--exclusive"});

  std::string table = box.Ok({"--db", db, "models", "list-versions", "--model-name", "churn"});
  CHECK(Contains(table, "Version  Stage       Run ID"));
  CHECK(Contains(table, "1        Archived    a1"));
  CHECK(Contains(table, "2        Production  b2      champion"));

  json versions =
      box.Json({"--db", db, "--json", "models", "list-versions", "--model-name", "churn"});
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].at("stage") == "Archived");
  CHECK(versions[0].at("metrics") == json{{"accuracy", 0.91}});
  CHECK(versions[0].at("tags") == json{{"team", "growth"}});
  CHECK(versions[1].at("stage") == "Production");
  CHECK(versions[1].at("aliases") == json::array({"champion"}));

  json resolved = box.Json({"--db", db, "models", "resolve", "models:/churn@champion", "--json"});
  CHECK(resolved.at("version") == 2);
  CHECK(resolved.at("run_id") == "b2");

  json history = box.Json({"--db", db, "models", "history", "--model-name", "churn", "--json"});
  REQUIRE(history.size() == 7);
  CHECK(history.back().at("action") == "set_alias");
  CHECK(history[5].at("actor") == "alice");
  CHECK(history[5].at("from_stage") == "None");
  CHECK(history[5].at("to_stage") == "Production");
  CHECK(history[4].at("actor") == "alice");  // the archive-existing move, same transaction
  CHECK(history[4].at("to_stage") == "Archived");

  json stages = box.Json({"--db", db, "stages", "list", "--json"});
  REQUIRE(stages.size() == 5);
  CHECK(stages[2].at("name") == "QA");
  CHECK(stages[2].at("exclusive") == true);

  SUBCASE("the file is an SQLite database and nothing else was written") {
    CHECK(ReadFile(db).rfind(std::string("SQLite format 3\0", 16), 0) == 0);
    std::vector<std::string> files = box.DataFiles();
    CHECK_MESSAGE(files == std::vector<std::string>{"work/registry.db"}, Join(files));
  }
}

TEST_CASE("processes writing to one --db file at the same time all succeed") {
  Sandbox box;
  const std::string db = (box.work() / "shared.db").string();
  box.Ok({"--db", db, "models", "create", "churn"});
  constexpr int kWriters = 8;
  std::vector<Sandbox::Started> running;
  for (int i = 0; i < kWriters; ++i) {
    running.push_back(box.Start({"--db", db, "models", "create-version", "--model-name", "churn",
                                 "--source", "runs:/r" + std::to_string(i) + "/model"}));
  }
  for (const auto& started : running) {
    Outcome o = Sandbox::Wait(started);
    CHECK_MESSAGE(o.exit_code == 0, o.err);
  }
  json versions =
      box.Json({"--db", db, "models", "list-versions", "--model-name", "churn", "--json"});
  REQUIRE(versions.size() == kWriters);
  for (int i = 0; i < kWriters; ++i) CHECK(versions[i].at("version") == i + 1);  // no number twice
  json history = box.Json({"--db", db, "models", "history", "--model-name", "churn", "--json"});
  CHECK(history.size() == kWriters + 1);
}

// A new file is set up (write-ahead log, schema) by whichever process gets there first; the
// others must wait for it, not fail with "database is locked" or apply the schema twice.
TEST_CASE("processes opening a new --db file at the same time all succeed") {
  Sandbox box;
  constexpr int kRounds = 8, kWriters = 4;
  for (int round = 0; round < kRounds; ++round) {
    const std::string db = (box.work() / ("new" + std::to_string(round) + ".db")).string();
    std::vector<Sandbox::Started> running;
    for (int i = 0; i < kWriters; ++i) {
      running.push_back(box.Start({"--db", db, "models", "create", "m" + std::to_string(i)}));
    }
    for (const auto& started : running) {
      Outcome o = Sandbox::Wait(started);
      CHECK_MESSAGE(o.exit_code == 0, "round " << round << ": " << o.err);
    }
    json models = box.Json({"--db", db, "models", "list", "--json"});
    CHECK_MESSAGE(models.size() == kWriters, "round " << round << ": " << models.dump());
  }
}

TEST_CASE("processes opening a new progress file at the same time all succeed") {
  Sandbox box;
  constexpr int kRounds = 8, kReaders = 4;
  for (int round = 0; round < kRounds; ++round) {
    const EnvChanges fresh = {{"XDG_DATA_HOME", (box.xdg() / std::to_string(round)).string()}};
    std::vector<Sandbox::Started> running;
    for (int i = 0; i < kReaders; ++i) running.push_back(box.Start({"stats"}, fresh));
    for (const auto& started : running) {
      Outcome o = Sandbox::Wait(started);
      CHECK(o.exit_code == 0);
      CHECK_MESSAGE(o.err.empty(), "round " << round << ": " << o.err);  // "progress is not saved"
    }
  }
}

TEST_CASE("without --db the registry is $XDG_DATA_HOME/stagecraft/registry.db") {
  Sandbox box;
  const fs::path expected = box.xdg() / "stagecraft" / "registry.db";
  CHECK_FALSE(fs::exists(expected));
  box.Ok({"models", "create", "churn"});
  CHECK(fs::is_regular_file(expected));
  json models = box.Json({"models", "list", "--json"});
  REQUIRE(models.size() == 1);
  CHECK(models[0].at("name") == "churn");
  for (const std::string& file : box.DataFiles()) {
    CHECK_MESSAGE(file.rfind("xdg/stagecraft/", 0) == 0, "unexpected file " << file);
  }
  SUBCASE("--db elsewhere does not see it") {
    CHECK(box.Json({"--db", box.Path("other.db"), "models", "list", "--json"}) == json::array());
  }
}

TEST_CASE("without XDG_DATA_HOME the registry is $HOME/.local/share/stagecraft/registry.db") {
  Sandbox box;
  EnvChanges env;
  SUBCASE("unset") { env["XDG_DATA_HOME"] = std::nullopt; }
  SUBCASE("empty") { env["XDG_DATA_HOME"] = ""; }
  SUBCASE("relative, which the XDG spec says to ignore") { env["XDG_DATA_HOME"] = "relative"; }
  const fs::path expected = box.home() / ".local" / "share" / "stagecraft" / "registry.db";
  box.Ok({"models", "create", "churn"}, env);
  CHECK(fs::is_regular_file(expected));
  CHECK(box.Json({"models", "list", "--json"}, env)[0].at("name") == "churn");
  for (const std::string& file : box.DataFiles()) {
    CHECK_MESSAGE(file.rfind("home/.local/share/stagecraft/", 0) == 0, "unexpected file " << file);
  }
}

TEST_CASE("--db :memory: gives a fresh registry and leaves no file anywhere") {
  Sandbox box;
  CHECK(box.Ok({"--db", ":memory:", "models", "create", "churn"}) == "Registered model 'churn'.\n");
  // A second process starts empty again: the model above is gone.
  Outcome o = box.Fails(
      {"--db", ":memory:", "models", "create-version", "--model-name", "churn", "--source", "s"},
      1);
  CHECK(Contains(o.err, "churn"));
  CHECK(box.Json({"--db", ":memory:", "models", "list", "--json"}) == json::array());
  CHECK_MESSAGE(box.DataFiles().empty(), "files written:\n" << Join(box.DataFiles()));
  CHECK_FALSE(fs::exists(box.xdg() / "stagecraft"));
  CHECK_FALSE(fs::exists(box.home() / ".local"));
}

TEST_CASE("exit codes: 0 on success, 1 on an engine error, 2 on a usage error") {
  Sandbox box;
  const std::string db = box.Path("r.db");
  box.Ok({"--db", db, "models", "create", "churn"});
  box.Ok({"--db", db, "models", "create-version", "--model-name", "churn", "--source", "s"});
  SUBCASE("engine errors: stderr names the model, version and stage") {
    Outcome o = box.Fails({"--db", db, "models", "create", "churn"}, 1);
    CHECK(o.err == "error: a model named 'churn' already exists\n");
    o = box.Fails({"--db", db, "models", "list-versions", "--model-name", "nosuch"}, 1);
    CHECK(Contains(o.err, "'nosuch'"));
    o = box.Fails({"--db", db, "models", "transition-stage", "--model-name", "churn", "--version",
                   "1", "--stage", "Prod"},
                  1);
    CHECK(Contains(o.err, "'Prod'"));
    CHECK(Contains(o.err, "None, Staging, Production, Archived"));
    o = box.Fails({"--db", db, "models", "get-version", "--model-name", "churn", "--version", "5"},
                  1);
    CHECK(Contains(o.err, "churn"));
    CHECK(Contains(o.err, "5"));
  }
  SUBCASE("usage errors: stderr has the usage line") {
    Outcome o = box.Fails({"--db", db, "models", "list-versions"}, 2);
    CHECK(Contains(o.err, "usage: stagecraft models list-versions --model-name N"));
    o = box.Fails({"--db", db, "models", "frobnicate"}, 2);
    CHECK(Contains(o.err, "unknown command 'frobnicate'"));
    CHECK(Contains(o.err, "usage: stagecraft models <"));
    o = box.Fails({"--db", db, "models", "create-version", "--model-name", "churn", "--source", "s",
                   "--metric", "accuracy=high"},
                  2);
    CHECK(Contains(o.err, "usage: stagecraft models create-version"));
    o = box.Fails({"--db", db, "models", "get-version", "--model-name", "churn", "--version", "0"},
                  2);
    CHECK(Contains(o.err, "usage: stagecraft models get-version"));
    o = box.Fails({"--db", db, "models"}, 2);
    CHECK(Contains(o.err, "usage: stagecraft models"));
  }
  SUBCASE("no arguments at all") {
    Outcome o = box.Run({});
    CHECK(o.exit_code == 2);
    CHECK(o.out.empty());
    CHECK(Contains(o.err, "sage: stagecraft"));
  }
  SUBCASE("failures change nothing") {
    box.Fails({"--db", db, "models", "create", "churn", "--description", "other"}, 1);
    box.Fails({"--db", db, "models", "transition-stage", "--model-name", "churn", "--version", "1"},
              2);
    json versions =
        box.Json({"--db", db, "models", "list-versions", "--model-name", "churn", "--json"});
    CHECK(versions[0].at("stage") == "None");
    CHECK(box.Json({"--db", db, "models", "get", "churn", "--json"}).at("description") == "");
    CHECK(box.Json({"--db", db, "models", "history", "--model-name", "churn", "--json"}).size() ==
          2);
  }
}

TEST_CASE("--show-mlflow prints the MLflow equivalent instead of running, and exits 0") {
  Sandbox box;
  const std::string db = box.Path("reg.db");
  Outcome shown = box.Run({"--db", db, "models", "transition-stage", "--model-name", "churn",
                           "--version", "2", "--stage", "Production", "--archive-existing",
                           "--show-mlflow"});
  CHECK(shown.exit_code == 0);
  CHECK(Contains(shown.out,
                 "  MlflowClient().transition_model_version_stage(\n"
                 "      name=\"churn\", version=2, stage=\"Production\",\n"
                 "      archive_existing_versions=True)\n"));
  CHECK(Contains(shown.out, "deprecated since MLflow 2.9.0"));
  CHECK(shown.err.empty());
  CHECK_FALSE(fs::exists(db));  // nothing ran, so the registry was never opened

  Outcome none = box.Run({"--show-mlflow", "models", "approve-request", "--id", "1"});
  CHECK(none.exit_code == 0);
  CHECK(Contains(none.out, "Open-source MLflow has no equivalent"));
  CHECK(Contains(none.out, "Databricks workspace registry"));

  Outcome usage = box.Run({"--show-mlflow", "models", "set-alias", "--model-name", "churn"});
  CHECK(usage.exit_code == 2);
  CHECK(Contains(usage.err, "usage: stagecraft models set-alias"));
}

TEST_CASE("--help prints help on stdout and exits 0 at every level") {
  Sandbox box;
  std::vector<std::string> args;
  std::string expected;
  SUBCASE("top level") {
    args = {"--help"};
    expected = "stagecraft [--db PATH] [--as USER] [--json]";
  }
  SUBCASE("models") {
    args = {"models", "--help"};
    expected = "transition-stage";
  }
  SUBCASE("stages") {
    args = {"stages", "--help"};
    expected = "set-exclusive";
  }
  SUBCASE("a leaf") {
    args = {"models", "set-alias", "--help"};
    expected = "stagecraft models set-alias --model-name N --alias A --version V";
  }
  Outcome o = box.Run(args);
  CHECK(o.exit_code == 0);
  CHECK(o.err.empty());
  CHECK(Contains(o.out, expected));
  CHECK_MESSAGE(box.DataFiles().empty(), "help wrote:\n" << Join(box.DataFiles()));
}

TEST_CASE("a file that is not an SQLite database exits 1 naming the file and is left untouched") {
  Sandbox box;
  std::string bytes;
  SUBCASE("text") { bytes = "name,stage\nchurn,Production\n"; }
  SUBCASE("binary") {
    for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 131 + 7) % 256);
  }
  const fs::path file = box.work() / "notes.csv";
  WriteFile(file, bytes);
  const auto before = fs::last_write_time(file);
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"models", "list"},
        std::vector<std::string>{"models", "create", "churn"},
        std::vector<std::string>{"stages", "add", "QA"}}) {
    std::vector<std::string> args = {"--db", file.string()};
    args.insert(args.end(), command.begin(), command.end());
    Outcome o = box.Fails(args, 1);
    CHECK(Contains(o.err, file.string()));
  }
  CHECK(ReadFile(file) == bytes);
  CHECK(fs::last_write_time(file) == before);
  std::vector<std::string> files = box.DataFiles();
  CHECK_MESSAGE(files == std::vector<std::string>{"work/notes.csv"}, Join(files));
}

TEST_CASE("a --db that is a pipe is refused at once, naming it, instead of waiting forever") {
  Sandbox box;
  const fs::path pipe = box.work() / "pipe.db";
  REQUIRE(mkfifo(pipe.c_str(), 0600) == 0);
  Outcome o = box.Fails({"--db", pipe.string(), "models", "list"}, 1);
  CHECK(o.err == "error: cannot open Stagecraft registry database '" + pipe.string() +
                     "': it is not a regular file\n");
}

TEST_CASE("--db file:NAME is a file name, not an SQLite URI that could reach another file") {
  Sandbox box;
  const fs::path other = box.work() / "other.db";
  box.Ok({"--db", other.string(), "models", "create", "kept"});
  const std::string before = ReadFile(other);
  box.Ok({"--db", "file:other.db?mode=rwc", "models", "create", "z"});
  CHECK(ReadFile(other) == before);
  CHECK(fs::exists(box.work() / "file:other.db?mode=rwc"));
  json models = box.Json({"--db", other.string(), "models", "list", "--json"});
  REQUIRE(models.size() == 1);
  CHECK(models[0].at("name") == "kept");
}

TEST_CASE("run reads no more of a script than its 4 MiB cap, even from an endless file") {
  Sandbox box;
  Outcome o = box.Fails({"run", "/dev/zero"}, 1);
  CHECK(o.err == "error: script '/dev/zero' is larger than 4 MiB\n");
}

TEST_CASE("output that cannot be written (a full disk) exits 1 with a message") {
  stagecraft::testing::TempDir home;
  for (const std::string args : {"--db :memory: models list", "lessons", "--help"}) {
    CAPTURE(args);
    // stderr to the pipe, stdout to a device that is always full.
    const auto run = stagecraft::testing::RunShell("HOME='" + home.path.string() + "' '" +
                                                   STAGECRAFT_EXE + "' " + args +
                                                   " 2>&1 >/dev/full");
    CHECK(run.exit_code == 1);
    CHECK(Contains(run.out, "error: cannot write the output: No space left on device\n"));
  }
}

TEST_CASE("a --db path in a missing directory exits 1 naming the path") {
  Sandbox box;
  const std::string db = box.Path("no/such/dir/r.db");
  Outcome o = box.Fails({"--db", db, "models", "list"}, 1);
  CHECK(Contains(o.err, db));
  CHECK_FALSE(fs::exists(box.root() / "no"));
}

TEST_CASE("--json output of every read command parses") {
  Sandbox box;
  const std::string db = box.Path("r.db");
  box.Ok({"--db", db, "models", "create", "x'); DROP TABLE models;--"});
  box.Ok({"--db", db, "models", "create-version", "--model-name", "x'); DROP TABLE models;--",
          "--source", "runs:/r/model", "--metric", "accuracy=0.5"});
  box.Ok({"--db", db, "models", "set-alias", "--model-name", "x'); DROP TABLE models;--", "--alias",
          "champion", "--version", "1"});
  json models = box.Json({"--db", db, "--json", "models", "list"});
  REQUIRE(models.size() == 1);
  CHECK(models[0].at("name") == "x'); DROP TABLE models;--");
  json versions = box.Json({"--db", db, "models", "list-versions", "--model-name",
                            "x'); DROP TABLE models;--", "--json"});
  REQUIRE(versions.size() == 1);
  for (const char* key : {"version", "stage", "run_id", "source", "aliases", "metrics", "tags"}) {
    CHECK_MESSAGE(versions[0].contains(key), key);
  }
  json resolved = box.Json(
      {"--db", db, "models", "resolve", "models:/x'); DROP TABLE models;--@champion", "--json"});
  CHECK(resolved.at("version") == 1);
  CHECK(resolved.at("metrics") == json{{"accuracy", 0.5}});
  json history = box.Json(
      {"--db", db, "models", "history", "--model-name", "x'); DROP TABLE models;--", "--json"});
  REQUIRE(history.size() == 3);
  for (const auto& e : history) {
    for (const char* key : {"seq", "action", "version", "from_stage", "to_stage", "actor"}) {
      CHECK_MESSAGE(e.contains(key), key);
    }
  }
  CHECK(box.Json({"--db", db, "models", "search", "accuracy > 0.1", "--json"}).size() == 1);
  CHECK(box.Json({"--db", db, "stages", "list", "--json"}).size() == 4);
}
