#pragma once
// Helpers for the in-process tests of the command grammar (command_line_test.cpp,
// registry_commands_test.cpp): reading what commands print (lines, aligned tables, aligned
// fields, the version object shape) and a Session seeded with the model churn.

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "command_session.h"

namespace stagecraft::commands::testing {

inline bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The UTF-8 characters of `text`, one string per code point, so that columns count characters.
inline std::vector<std::string> CodePoints(const std::string& text) {
  std::vector<std::string> out;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80 || out.empty()) out.emplace_back();
    out.back() += static_cast<char>(c);
  }
  return out;
}

inline std::string Slice(const std::vector<std::string>& chars, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < chars.size(); ++i) out += chars[i];
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Cuts an aligned table at the columns where its header names start and returns each row as
// header -> cell. A misaligned row gives cells that are cut in the wrong place.
using Row = std::map<std::string, std::string>;
inline std::vector<Row> ReadTable(const std::string& text,
                                  const std::vector<std::string>& headers) {
  std::vector<std::string> lines = Lines(text);
  REQUIRE_MESSAGE(!lines.empty(), "no table in: " << text);
  const std::string& header = lines.front();
  std::vector<std::size_t> starts;
  std::size_t from = 0;
  for (const auto& name : headers) {
    std::size_t at = header.find(name, from);
    REQUIRE_MESSAGE(at != std::string::npos, "no header " << name << " in: " << header);
    if (!starts.empty()) {
      REQUIRE_MESSAGE(header.substr(at - 2, 2) == "  ",
                      "header " << name << " is not two spaces after the one before: " << header);
    }
    starts.push_back(at);
    from = at + name.size();
  }
  CHECK(header.rfind(headers.front(), 0) == 0);  // the first column starts the line
  std::vector<Row> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> chars = CodePoints(lines[i]);
    Row row;
    for (std::size_t c = 0; c < starts.size(); ++c) {
      std::size_t end = c + 1 < starts.size() ? starts[c + 1] : chars.size();
      if (c > 0 && starts[c] < chars.size()) {
        CHECK_MESSAGE(chars[starts[c] - 1] == " ",
                      "column " << headers[c] << " is not aligned in: " << lines[i]);
      }
      row[headers[c]] = Slice(chars, starts[c], end);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// Reads a "Field  value" listing (no header): all values must start in the same column.
inline std::map<std::string, std::string> ReadFields(const std::string& text) {
  std::map<std::string, std::string> fields;
  std::optional<std::size_t> value_column;
  for (const std::string& line : Lines(text)) {
    std::size_t gap = line.find("  ");
    if (gap == std::string::npos) {  // a field with an empty value
      fields[line] = "";
      continue;
    }
    std::size_t value = line.find_first_not_of(' ', gap);
    if (!value_column) value_column = value;
    CHECK_MESSAGE(value == *value_column, "value not aligned in: " << line);
    fields[line.substr(0, gap)] = line.substr(value);
  }
  return fields;
}

// A :memory: registry and shorthands to run command lines on it (see command_session.h).
struct Session : CommandSession {
  // churn with versions 1 (run a1, accuracy 0.91) and 2 (run b2, accuracy 0.94).
  void SeedChurn() {
    Ok("models create churn --description 'Predicts cancellations'");
    Ok("models create-version --model-name churn --source runs:/a1/model --run-id a1 "
       "--metric accuracy=0.91 --metric f1=0.84 --tag team=growth");
    Ok("models create-version --model-name churn --source runs:/b2/model --run-id b2 "
       "--metric accuracy=0.94");
  }
};

// Checks the object shape every version is printed in (list-versions, resolve, get-version...).
inline void CheckVersionShape(const nlohmann::json& v) {
  REQUIRE(v.is_object());
  CHECK(v.at("model_name").is_string());
  CHECK(v.at("version").is_number_integer());
  CHECK(v.at("stage").is_string());
  CHECK(v.at("run_id").is_string());
  CHECK(v.at("source").is_string());
  CHECK(v.at("aliases").is_array());
  CHECK(v.at("metrics").is_object());
  CHECK(v.at("tags").is_object());
}

inline std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace stagecraft::commands::testing
