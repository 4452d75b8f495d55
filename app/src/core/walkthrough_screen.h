#pragma once
// WalkthroughScreen: a lesson's walkthrough open in the player — the WalkthroughPlayer (position,
// states, changes, predictions) and what the window adds to it over time: play/pause and the
// moment the last step was taken, from which the board's cards are animated.

#include <functional>

#include "core/lesson.h"
#include "core/walkthrough_player.h"
#include "stagecraft/engine/status.h"

namespace stagecraft::core {

class WalkthroughScreen {
 public:
  // `lesson` must outlive the screen. Fails as WalkthroughPlayer::Create does (no walkthrough,
  // a script that does not run).
  static engine::Result<WalkthroughScreen> Open(const Lesson& lesson,
                                                WalkthroughPlayerOptions options);

  const Lesson& lesson() const { return *lesson_; }
  WalkthroughPlayer& player() { return player_; }
  const WalkthroughPlayer& player() const { return player_; }

  // Records the player's predictions and ends its progress session.
  void Finish() { player_.Finish(); }

 private:
  WalkthroughScreen(const Lesson& lesson, WalkthroughPlayer player)
      : lesson_(&lesson), player_(std::move(player)) {}
  const Lesson* lesson_;
  WalkthroughPlayer player_;
};

}  // namespace stagecraft::core
