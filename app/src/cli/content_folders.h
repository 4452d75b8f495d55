#pragma once
// Where the shipped content is found when no path is given.

#include <string>

namespace stagecraft::app {

// The quiz bank: $STAGECRAFT_QUIZZES, else the quizzes/ folder of the source tree this
// executable was built in, else /usr/share/stagecraft/quizzes.
std::string DefaultQuizBank();

// The lessons: $STAGECRAFT_LESSONS, else the lessons/ folder of the source tree this executable
// was built in, else /usr/share/stagecraft/lessons.
std::string DefaultLessonFolder();

}  // namespace stagecraft::app
