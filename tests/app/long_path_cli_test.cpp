// The executable given a --db file whose name is legal but leaves no room for SQLite's "-wal"
// beside it: one line naming the file and exit code 1, not an abort from an escaped exception.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "piped_run.h"

using stagecraft::testing::RunPiped;
using stagecraft::testing::TempDir;

TEST_CASE("--db naming an existing file with a 253-character name exits 1 with one error line") {
  TempDir dir("stagecraft-long-path");
  const std::filesystem::path db = dir.path / std::string(253, 'r');
  std::ofstream(db).close();  // an existing, empty file
  REQUIRE(std::filesystem::exists(db));

  const auto run = RunPiped("--db '" + db.string() + "' models list", "", dir.path);
  INFO(run.out);
  CHECK(run.exit_code == 1);
  CHECK(run.out.rfind("error: ", 0) == 0);
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 1);
  CHECK(run.out.back() == '\n');
  CHECK(run.out.find(db.string()) != std::string::npos);
  CHECK(std::filesystem::file_size(db) == 0);  // left as it was
}
