#pragma once

#include "outboundwriter.h"

#include <mutex>

namespace Session {

class SessionWriter;

/**
 * Where delivery hands what it sent, whichever session is open: the session writer belongs to
 * the capture engine and is swapped when another session is opened, while the sender runs on a
 * thread of its own and must never hold on to one writer.
 *
 * The owner of the writer attaches each new one and detaches it (attach(nullptr)) before
 * stopping it. Records submitted while none is attached are held, up to a bound, and handed to
 * the next writer attached; each record reaches exactly one writer. Safe from any thread.
 */
class WriterHub
{
public:
    /// Records held while no writer is attached, at most (more are dropped and counted).
    static constexpr qsizetype kMaxHeld = 20000;

    WriterHub() = default;
    WriterHub(const WriterHub &) = delete;
    WriterHub &operator=(const WriterHub &) = delete;

    /// Hands the records to the current writer, or holds them until one is attached. False when
    /// none is attached and the hold is full: then the records are dropped.
    bool submit(OutboundMessagePtr message);
    bool submit(OutboundAttempts attempts);
    bool submit(const OutboundBatch &records);

    /// From now on records go to `writer` (started, or started before its next commit is due);
    /// what is held goes to it first. Null detaches: once this returns, nothing more reaches the
    /// previous writer, which may then be stopped.
    void attach(SessionWriter *writer);
    bool isAttached() const;
    /// Records held for the next writer.
    qsizetype held() const;
    /// Records dropped because no writer was attached and the hold was full.
    qint64 dropped() const;

private:
    mutable std::mutex m_mutex;
    SessionWriter *m_writer = nullptr;
    OutboundBatch m_held;
    qint64 m_dropped = 0;
};

} // namespace Session
