#pragma once

#include <QtGlobal>

namespace Http {

/**
 * The monotonic time the connection deadlines are measured on: the head deadline, the idle and
 * stalled-body limits and the drain after a final answer. The listener reads the steady clock
 * unless it is given another; tests give it one they move by hand, so a 30 s deadline is checked
 * without waiting 30 s.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /// Milliseconds on a clock that never goes back; only differences mean anything.
    virtual qint64 nowMs() const = 0;
    /// The process's steady clock.
    static const Clock &steady();
};

} // namespace Http
