// Tests for app/src/core/content_library (being written).
#include <doctest/doctest.h>
