#pragma once

#include "http/clock.h"

#include <atomic>

/// A clock that moves only when the test moves it. Read on the listener's thread, moved on the
/// test's: hence atomic.
class MockClock : public Http::Clock
{
public:
    qint64 nowMs() const override { return m_now.load(); }
    void advance(qint64 ms) { m_now += ms; }

private:
    std::atomic<qint64> m_now{1'000'000};
};
