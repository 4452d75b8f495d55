// challenge_list.cpp: the challenges beside the learner's records, easy first.

#include "core/challenge_list.h"

#include <doctest/doctest.h>

namespace stagecraft::core {
namespace {

TEST_CASE("The list puts easy challenges first, each with its record") {
  Challenge hard;
  hard.id = "hard";
  hard.level = Level::kHard;
  hard.par = 6;
  Challenge easy;
  easy.id = "easy";
  easy.par = 1;
  Challenge medium;
  medium.id = "medium";
  medium.level = Level::kMedium;
  medium.par = 2;
  const std::vector<ChallengeRecord> records = {{"hard", 3, 1, 7, 100}, {"medium", 1, 0, {}, 50}};
  const auto list = ListChallenges({&hard, &easy, &medium}, records);
  REQUIRE(list.size() == 3);
  CHECK(list[0].challenge == &easy);
  CHECK(list[1].challenge == &medium);
  CHECK(list[2].challenge == &hard);
  CHECK(list[0].attempts == 0);
  CHECK_FALSE(list[0].best.has_value());
  CHECK(list[1].attempts == 1);
  CHECK_FALSE(list[1].solved);
  CHECK_FALSE(list[1].best.has_value());
  CHECK(list[2].solved);
  CHECK(list[2].attempts == 3);
  CHECK(list[2].best == 7);
}

}  // namespace
}  // namespace stagecraft::core
