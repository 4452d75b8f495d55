// Tests for app/src/core/question_text (being written).
#include <doctest/doctest.h>
