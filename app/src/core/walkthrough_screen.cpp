#include "core/walkthrough_screen.h"

namespace stagecraft::core {

engine::Result<WalkthroughScreen> WalkthroughScreen::Open(const Lesson& lesson,
                                                          WalkthroughPlayerOptions options) {
  auto player = WalkthroughPlayer::Create(lesson, std::move(options));
  if (!player.ok()) return player.status();
  return WalkthroughScreen(lesson, std::move(*player));
}

}  // namespace stagecraft::core
