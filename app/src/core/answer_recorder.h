#pragma once
// AnswerRecorder: how a learning activity (a practice run, a lesson reading, a walkthrough)
// writes the learner's answers to the progress store. One progress session per activity, begun
// with the first answer (or at once, for a run that counts as a session even unanswered); each
// answer recorded with the review schedule the store gave it; the session ended with what was
// recorded in it. It also saves how far a lesson mode was read. The first failed write stops the
// recording, so a session never claims answers the store does not hold; its message is kept for
// the activity to show.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/quiz.h"

namespace stagecraft::core {

class AnswerRecorder {
 public:
  // `store` may be null (nothing is recorded) and must outlive the recorder. `mode` names the
  // session ("quiz", "lesson", "walkthrough", ...); `now` gives the time recorded.
  AnswerRecorder(ProgressStore* store, std::string mode, std::function<UnixTime()> now);
  // Records nothing.
  AnswerRecorder() = default;

  // Begins the session now if it has not begun (a quiz counts as a session once started).
  void Begin();
  // Records `attempt` (its `when` is set to now) in the session, beginning it if needed. Returns
  // when the question comes back for review; nullopt when it is not scheduled, not recorded, or
  // there is no store.
  std::optional<ReviewSchedule> Record(Attempt attempt);
  // Ends the session, if one was begun, with the answers right and the questions it asked: `asked`
  // when given (a quiz knows the ones left unanswered), else the answers recorded. A later Record
  // begins another.
  void Finish(std::optional<int> asked = std::nullopt);

  // Saves how far a mode was read (its `when` set to now), outside any session: reading is not an
  // answer. A failed write stops the recording like a failed answer.
  void SaveReading(ReadingProgress progress);

  bool recording() const { return store_ != nullptr; }
  // Why answers are not being saved; "" when all is well.
  const std::string& problem() const { return problem_; }

 private:
  void Fail(const std::string& message);

  ProgressStore* store_ = nullptr;
  std::string mode_;
  std::function<UnixTime()> now_;
  std::int64_t session_ = 0;  // 0: none begun
  int recorded_ = 0;
  int correct_ = 0;
  std::string problem_;
};

// An attempt at `question` of quiz (or lesson) `quiz_id` with the options at `chosen` (indexes
// in the file's order): its id, content hash, topic, level and answer letters ("A,C") filled in.
Attempt AttemptAt(const std::string& quiz_id, const Question& question, std::vector<int> chosen,
                  bool correct);

}  // namespace stagecraft::core
