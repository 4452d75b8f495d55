#pragma once
// The keys the screens answer to, by name. Dear ImGui 1.86 reads keys by the index its backend
// stores them under (io.KeysDown), which for the GLFW backend is GLFW's key code; these are those
// codes, written here so the views need no GLFW header. GLFW's key codes are part of its stable
// API, and platform/keys_check.cpp checks every one against GLFW's own at compile time.

namespace stagecraft::views::keys {

inline constexpr int kSpace = 32;
inline constexpr int kComma = 44;
inline constexpr int k0 = 48;  // k0 + d for digit d
inline constexpr int kA = 65;  // kA + i for the i-th letter
inline constexpr int kLeftBracket = 91;
inline constexpr int kRightBracket = 93;
inline constexpr int kEscape = 256;
inline constexpr int kEnter = 257;
inline constexpr int kTab = 258;
inline constexpr int kBackspace = 259;
inline constexpr int kRight = 262;
inline constexpr int kLeft = 263;
inline constexpr int kDown = 264;
inline constexpr int kUp = 265;
inline constexpr int kPageUp = 266;
inline constexpr int kPageDown = 267;
inline constexpr int kHome = 268;
inline constexpr int kEnd = 269;
inline constexpr int kKeypad0 = 320;  // kKeypad0 + d for keypad digit d
inline constexpr int kKeypadEnter = 335;

// The key of letter `c` ('A'..'Z') and of digit `d` (0..9).
constexpr int Letter(char c) { return kA + (c - 'A'); }
constexpr int Digit(int d) { return k0 + d; }

}  // namespace stagecraft::views::keys
