// views/keys.h names GLFW's key codes without including GLFW; this checks each one against GLFW's
// own, so a mismatch fails the build instead of a key press.

#include <GLFW/glfw3.h>

#include "views/keys.h"

namespace stagecraft::platform {
namespace keys = views::keys;

static_assert(keys::kSpace == GLFW_KEY_SPACE);
static_assert(keys::kComma == GLFW_KEY_COMMA);
static_assert(keys::k0 == GLFW_KEY_0 && keys::Digit(9) == GLFW_KEY_9);
static_assert(keys::kA == GLFW_KEY_A && keys::Letter('Z') == GLFW_KEY_Z);
static_assert(keys::Letter('H') == GLFW_KEY_H && keys::Letter('Q') == GLFW_KEY_Q);
static_assert(keys::kLeftBracket == GLFW_KEY_LEFT_BRACKET);
static_assert(keys::kRightBracket == GLFW_KEY_RIGHT_BRACKET);
static_assert(keys::kEscape == GLFW_KEY_ESCAPE);
static_assert(keys::kEnter == GLFW_KEY_ENTER);
static_assert(keys::kTab == GLFW_KEY_TAB);
static_assert(keys::kBackspace == GLFW_KEY_BACKSPACE);
static_assert(keys::kRight == GLFW_KEY_RIGHT);
static_assert(keys::kLeft == GLFW_KEY_LEFT);
static_assert(keys::kDown == GLFW_KEY_DOWN);
static_assert(keys::kUp == GLFW_KEY_UP);
static_assert(keys::kPageUp == GLFW_KEY_PAGE_UP);
static_assert(keys::kPageDown == GLFW_KEY_PAGE_DOWN);
static_assert(keys::kHome == GLFW_KEY_HOME);
static_assert(keys::kEnd == GLFW_KEY_END);
static_assert(keys::kKeypad0 == GLFW_KEY_KP_0 && keys::kKeypad0 + 9 == GLFW_KEY_KP_9);
static_assert(keys::kKeypadEnter == GLFW_KEY_KP_ENTER);

}  // namespace stagecraft::platform
