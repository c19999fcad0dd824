#pragma once

#include "http/limits.h"
#include "http/listener.h"
#include "http/requesthandler.h"

#include <QMutex>
#include <QThread>

namespace Http {
class Clock;
}

/**
 * A handler for listener tests. Requests whose target starts with holdPrefix wait until the test
 * answers them ("/" holds every request); the others are answered at once with "answer to TARGET".
 * Rejected requests are kept.
 */
class TestHandler : public Http::RequestHandler
{
public:
    explicit TestHandler(QByteArray holdPrefix);
    void handleRequest(Http::IncomingRequest incoming) override;
    void handleRejected(Http::RejectedRequest rejected) override;
    /// Requests seen so far (held or not).
    int count();
    /// Request `index` in arrival order, with its target.
    Http::Responder responder(int index, QByteArray *target);
    QList<Http::RejectedRequest> rejected();

private:
    const QByteArray m_holdPrefix;
    QMutex m_mutex;
    QList<QByteArray> m_targets;
    QList<Http::Responder> m_responders;
    QList<Http::RejectedRequest> m_rejected;
};

/// A Listener on 127.0.0.1, port 0, on a thread of its own (RawClient blocks the test's thread).
class ThreadedListener
{
public:
    explicit ThreadedListener(const Http::Limits &limits = {}, const Http::Clock *clock = nullptr,
                              const QByteArray &holdPrefix = "/hold");
    ~ThreadedListener();
    ThreadedListener(const ThreadedListener &) = delete;
    ThreadedListener &operator=(const ThreadedListener &) = delete;

    quint16 port() const { return m_port; }
    /// Answers request `index` (in arrival order) with a body naming it.
    void answer(int index);
    int connectionCount();
    bool isAcceptingPaused();
    /// Applies the deadlines at once (after the test moved its clock).
    void checkTimeouts();
    /// The listener thread's CPU time so far, in ms.
    double threadCpuMs();

    QThread thread;
    TestHandler handler;
    Http::Listener *listener = nullptr;

private:
    template<typename F>
    void onThread(F f);
    quint16 m_port = 0;
};
