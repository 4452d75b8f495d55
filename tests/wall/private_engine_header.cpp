// A probe that must NOT compile: registry_impl.h is one of the engine's private headers
// (engine/src is PRIVATE to stagecraft_engine). tests/wall builds this file as a target that
// links a library outside the engine and expects the include to be refused.
#include "registry_impl.h"
