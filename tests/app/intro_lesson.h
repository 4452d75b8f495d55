#pragma once
// A small lesson with two quiz blocks (easy, ids q1 and q2, answers A and B), for the tests of what
// is built over the content and the progress store (home, readiness).

namespace stagecraft::testing {

inline constexpr const char* kIntroLesson = R"(---
id: intro
title: Intro
topic: Stages
---

# Why

Text.

```quiz
{"id": "q1", "level": "easy", "prompt": "Where?", "options": ["None", "Staging"], "answer": "A"}
```

```quiz
{"id": "q2", "level": "easy", "prompt": "When?", "options": ["Now", "Later"], "answer": "B"}
```
)";

}  // namespace stagecraft::testing
