#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace Gui {

/// Runs a view's O(size) work on a pool thread and hands the result back on the view's thread, only
/// while it is still the newest job of this lane and the view still exists. Starting a job, cancel()
/// and the lane's destruction all bump a generation counter: older jobs see it at their next
/// check, stop, and their results are dropped. The lane never waits for a pool thread.
///
/// A lane must be a member of its receiver (the done callback may touch the receiver).
class JobLane
{
public:
    explicit JobLane(QObject *receiver)
        : m_state(std::make_shared<State>())
    {
        m_state->receiver = receiver;
    }
    ~JobLane()
    {
        // Under the mutex: a job that is posting its result right now finishes posting before the
        // receiver goes; the receiver's destruction then discards the posted event.
        const QMutexLocker lock(&m_state->mutex);
        m_state->receiver = nullptr;
        m_state->generation->fetch_add(1);
    }
    JobLane(const JobLane &) = delete;
    JobLane &operator=(const JobLane &) = delete;

    bool isBusy() const { return m_busy; }
    void cancel()
    {
        m_state->generation->fetch_add(1);
        m_busy = false;
    }

    /// `work(const std::function<bool()> &cancelled)` runs on `pool` and should return early once
    /// `cancelled()` is true; `done(result)` runs later on the receiver's thread.
    template<class Work, class Done>
    void start(QThreadPool *pool, Work work, Done done)
    {
        const quint64 mine = m_state->generation->fetch_add(1) + 1;
        m_busy = true;
        pool->start([state = m_state, mine, work = std::move(work), done = std::move(done), lane = this]() mutable {
            const std::function<bool()> cancelled = [generation = state->generation, mine] {
                return generation->load(std::memory_order_relaxed) != mine;
            };
            if (cancelled())
                return;
            using Result = std::invoke_result_t<Work &, const std::function<bool()> &>;
            auto result = std::make_shared<Result>(work(cancelled));
            const QMutexLocker lock(&state->mutex);
            if (!state->receiver || cancelled())
                return;
            QMetaObject::invokeMethod(
                state->receiver,
                [cancelled, result, done, lane]() mutable {
                    if (cancelled())
                        return;
                    lane->m_busy = false;
                    done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

private:
    struct State
    {
        QMutex mutex;
        QObject *receiver = nullptr;
        std::shared_ptr<std::atomic<quint64>> generation = std::make_shared<std::atomic<quint64>>(0);
    };
    std::shared_ptr<State> m_state;
    bool m_busy = false;
};

} // namespace Gui
