// Tests for app/src/core/lesson_reading (being written).
#include <doctest/doctest.h>
