#include "writerhub.h"
#include "sessionwriter.h"

namespace Session {

bool WriterHub::submit(OutboundMessagePtr message)
{
    OutboundBatch batch;
    batch.messages = {std::move(message)};
    return submit(batch);
}

bool WriterHub::submit(OutboundAttempts attempts)
{
    OutboundBatch batch;
    batch.attempts = std::move(attempts);
    return submit(batch);
}

bool WriterHub::submit(const OutboundBatch &records)
{
    // Handed over under the lock: attach(nullptr) cannot return while a record is on its way to
    // the writer it detaches.
    std::lock_guard lock(m_mutex);
    if (m_writer) {
        m_writer->submit(records);
        return true;
    }
    if (m_held.size() + records.size() > kMaxHeld) {
        m_dropped += records.size();
        return false;
    }
    m_held += records;
    return true;
}

void WriterHub::attach(SessionWriter *writer)
{
    std::lock_guard lock(m_mutex);
    m_writer = writer;
    if (m_writer && !m_held.isEmpty())
        m_writer->submit(std::exchange(m_held, {}));
}

bool WriterHub::isAttached() const
{
    std::lock_guard lock(m_mutex);
    return m_writer != nullptr;
}

qsizetype WriterHub::held() const
{
    std::lock_guard lock(m_mutex);
    return m_held.size();
}

qint64 WriterHub::dropped() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

} // namespace Session
