#pragma once
// Writing a new content file from a template (the authoring screen's "New quiz" and "New
// challenge"): a free name in the user's folder, and the format's schema beside it for editors.

#include <functional>
#include <string>

#include "stagecraft/engine/status.h"

namespace stagecraft::core {

// Writes `text(name)` into `folder` (created if missing) as NAME`suffix`, where NAME is `stem`,
// or `stem`-2, -3, ... when that file exists; and copies the file `schema` (a JSON Schema; "" for
// none) beside it under its own name when there is none there. The path written, or a one-line
// error naming the folder or file.
engine::Result<std::string> WriteTemplateFile(
    const std::string& folder, const std::string& stem, const std::string& suffix,
    const std::function<std::string(const std::string& name)>& text, const std::string& schema);

}  // namespace stagecraft::core
