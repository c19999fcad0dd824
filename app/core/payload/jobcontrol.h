#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>
#include <limits>

namespace Payload {

/// How the caller of a long job (formatting or parsing a large body on a worker thread) stops it
/// and watches it advance. Both parts are optional.
struct JobControl
{
    /// Set from any thread to stop the job; it then returns early and says it was cancelled.
    const std::atomic_bool *cancel = nullptr;
    /// Called on the working thread with the input bytes done so far and the input size, about
    /// every `progressInterval` bytes, and once at the end of a successful job.
    std::function<void(qint64 done, qint64 total)> progress;
    qint64 progressInterval = qint64(1) << 20;
};

namespace Detail {

// The hot loops of the scanners compare one position against the next checkpoint; the flag and
// the callback are looked at only when a checkpoint is passed. Cancel is polled every 64 KiB so
// a cancel takes effect within well under a millisecond even when progress is reported rarely.
class Checkpoint
{
public:
    Checkpoint(const JobControl &control, qint64 total)
        : m_control(control)
        , m_total(total)
    {
        m_nextProgress = control.progress ? qMax<qint64>(control.progressInterval, 1) : kNever;
        m_nextCancel = control.cancel ? kCancelInterval : kNever;
        m_next = qMin(m_nextProgress, m_nextCancel);
    }

    bool due(qint64 pos) const { return pos >= m_next; }

    /// Call when due(); returns false if the job was cancelled.
    bool pass(qint64 pos)
    {
        if (pos >= m_nextCancel) {
            if (m_control.cancel->load(std::memory_order_relaxed))
                return false;
            m_nextCancel = pos + kCancelInterval;
        }
        if (pos >= m_nextProgress) {
            m_control.progress(pos, m_total);
            m_nextProgress = pos + qMax<qint64>(m_control.progressInterval, 1);
        }
        m_next = qMin(m_nextProgress, m_nextCancel);
        return true;
    }

    /// Reports completion to the progress callback.
    void finish() const
    {
        if (m_control.progress)
            m_control.progress(m_total, m_total);
    }

    bool cancelled() const { return m_control.cancel && m_control.cancel->load(std::memory_order_relaxed); }

private:
    static constexpr qint64 kNever = std::numeric_limits<qint64>::max();
    static constexpr qint64 kCancelInterval = 64 * 1024;

    const JobControl &m_control;
    qint64 m_total;
    qint64 m_next = kNever;
    qint64 m_nextProgress = kNever;
    qint64 m_nextCancel = kNever;
};

} // namespace Detail

} // namespace Payload
