#include "cli/convert.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <memory>

#include "core/content_files.h"
#include "core/content_library.h"
#include "core/quiz_formats.h"
#include "core/quiz_loader.h"

namespace stagecraft::app {
namespace {

struct ConvertFlags {
  std::string format;
  std::string input;
  std::string output;  // empty: standard output
};

// Reads a whole file of at most kMaxQuizFileBytes; false with a message in `err` otherwise.
bool ReadSource(const std::string& path, std::string* text, std::string* err) {
  auto read = core::ReadContentFile(path, core::kMaxQuizFileBytes);
  if (!read.ok()) {
    *err += "error: " + path + ": " + read.status().message() + "\n";
    return false;
  }
  *text = std::move(*read);
  return true;
}

// Writes `text` to `flags.output`, or returns it for standard output.
int Emit(const ConvertFlags& flags, const std::string& text, const std::string& what,
         commands::CommandIo& io) {
  if (flags.output.empty()) {
    io.out = text;
    return commands::kExitOk;
  }
  std::ofstream out(flags.output, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) {
    io.err = "error: cannot write '" + flags.output + "'\n";
    return commands::kExitEngineError;
  }
  io.out = "Wrote " + flags.output + ": " + what + "\n";
  return commands::kExitOk;
}

void AddFlags(CLI::App& command, ConvertFlags& flags, const char* format_flag,
              const char* input_help) {
  command.add_option(format_flag, flags.format, "aiken or gift")
      ->required()
      ->check(CLI::IsMember({"aiken", "gift"}, CLI::ignore_case));
  command.add_option("input", flags.input, input_help)->required();
  command.add_option("-o,--output", flags.output, "write here instead of standard output");
}

}  // namespace

commands::HostCommand ImportCommand() {
  return {"import",
          "Convert an Aiken or GIFT file of multiple-choice questions into a quiz file (printed, "
          "or written with -o). Problems name the line of the source file.",
          [](CLI::App& command) {
            auto flags = std::make_shared<ConvertFlags>();
            AddFlags(command, *flags, "--from", "the Aiken or GIFT file");
            return [flags](commands::CommandIo& io) {
              std::string text;
              if (!ReadSource(flags->input, &text, &io.err)) return commands::kExitEngineError;
              const bool gift = CLI::detail::to_lower(flags->format) == "gift";
              core::QuizImport imported = gift ? core::ImportGift(text, flags->input)
                                               : core::ImportAiken(text, flags->input);
              std::string problems;
              for (const auto& p : imported.problems) problems += p.ToString() + "\n";
              if (!imported.quiz) {
                io.err = problems + std::to_string(imported.problems.size()) +
                         " problem(s); nothing written\n";
                return commands::kExitEngineError;
              }
              // GIFT questions that are not multiple choice are reported and skipped; the rest
              // are still converted, and the exit code says something was left out.
              const std::string json = core::QuizToJson(*imported.quiz);
              const std::size_t n = imported.quiz->questions.size();
              const int written = Emit(
                  *flags, json, std::to_string(n) + (n == 1 ? " question" : " questions"), io);
              if (problems.empty() || written != commands::kExitOk) return written;
              io.err = problems + std::to_string(imported.problems.size()) +
                       " question(s) could not be converted and were left out\n" + io.err;
              return commands::kExitEngineError;
            };
          }};
}

commands::HostCommand ExportCommand() {
  return {"export",
          "Convert a quiz file (or a quiz id of the bank) to Aiken or GIFT (printed, or written "
          "with -o). What the format cannot hold is reported.",
          [](CLI::App& command) {
            auto flags = std::make_shared<ConvertFlags>();
            AddFlags(command, *flags, "--to", "a quiz file, or a quiz id in the bank");
            return [flags](commands::CommandIo& io) {
              std::error_code ec;
              const bool is_path = std::filesystem::exists(flags->input, ec);
              const core::ContentLibrary library =
                  is_path ? core::ContentLibrary::LoadPaths({flags->input})
                          : core::ContentLibrary::Load(core::DefaultContentFolders());
              const core::Quiz* quiz = nullptr;
              if (is_path) {
                if (std::filesystem::is_directory(flags->input, ec)) {
                  io.err = "error: '" + flags->input + "' is a folder; give a quiz file or a quiz id\n";
                  return commands::kExitEngineError;
                }
                if (library.quiz_files().empty()) {
                  io.err = "error: '" + flags->input + "' is not a quiz file\n";
                  return commands::kExitEngineError;
                }
                const core::QuizFile& file = library.quiz_files().front();
                if (!file.problems.empty()) {
                  for (const auto& p : file.problems) io.err += p.ToString() + "\n";
                  io.err += "error: '" + file.path + "' has problems; fix them first\n";
                  return commands::kExitEngineError;
                }
                quiz = &*file.quiz;
              } else if ((quiz = library.FindQuiz(flags->input)) == nullptr) {
                io.err = "error: no quiz file or quiz id '" + flags->input + "'\n";
                return commands::kExitEngineError;
              }
              const bool gift = CLI::detail::to_lower(flags->format) == "gift";
              core::QuizExport exported =
                  gift ? core::ExportGift(*quiz) : core::ExportAiken(*quiz);
              if (!exported.problems.empty()) {
                for (const auto& p : exported.problems) io.err += p.ToString() + "\n";
                io.err += std::to_string(exported.problems.size()) + " problem(s); nothing written\n";
                return commands::kExitEngineError;
              }
              const std::size_t n = quiz->questions.size();
              return Emit(*flags, exported.text,
                          std::to_string(n) + (n == 1 ? " question" : " questions"), io);
            };
          }};
}

}  // namespace stagecraft::app
