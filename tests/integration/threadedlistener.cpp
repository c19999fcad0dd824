#include "threadedlistener.h"

#include <ctime>
#include <pthread.h>

TestHandler::TestHandler(QByteArray holdPrefix)
    : m_holdPrefix(std::move(holdPrefix))
{
}

void TestHandler::handleRequest(Http::IncomingRequest incoming)
{
    const QByteArray target = incoming.request.target().toByteArray();
    {
        QMutexLocker lock(&m_mutex);
        m_targets.append(target);
        m_responders.append(incoming.responder);
    }
    if (!target.startsWith(m_holdPrefix)) {
        Http::Response r;
        r.body = "answer to " + target;
        incoming.responder.respond(r);
    }
}

void TestHandler::handleRejected(Http::RejectedRequest rejected)
{
    QMutexLocker lock(&m_mutex);
    m_rejected.append(std::move(rejected));
}

int TestHandler::count()
{
    QMutexLocker lock(&m_mutex);
    return int(m_responders.size());
}

Http::Responder TestHandler::responder(int index, QByteArray *target)
{
    QMutexLocker lock(&m_mutex);
    *target = m_targets.at(index);
    return m_responders.at(index);
}

QList<Http::RejectedRequest> TestHandler::rejected()
{
    QMutexLocker lock(&m_mutex);
    return m_rejected;
}

ThreadedListener::ThreadedListener(const Http::Limits &limits, const Http::Clock *clock, const QByteArray &holdPrefix)
    : handler(holdPrefix)
{
    thread.start();
    listener = new Http::Listener(&handler);
    listener->moveToThread(&thread);
    onThread([&] {
        listener->setLimits(limits);
        listener->setClock(clock);
        if (listener->listen(QHostAddress::LocalHost, 0))
            m_port = listener->serverPort();
    });
}

ThreadedListener::~ThreadedListener()
{
    onThread([this] { delete listener; });
    thread.quit();
    thread.wait();
}

template<typename F>
void ThreadedListener::onThread(F f)
{
    QMetaObject::invokeMethod(listener, f, Qt::BlockingQueuedConnection);
}

void ThreadedListener::answer(int index)
{
    onThread([this, index] {
        QByteArray target;
        const Http::Responder responder = handler.responder(index, &target);
        Http::Response r;
        r.body = "answer to " + target;
        responder.respond(r);
    });
}

int ThreadedListener::connectionCount()
{
    int count = 0;
    onThread([&] { count = listener->connectionCount(); });
    return count;
}

bool ThreadedListener::isAcceptingPaused()
{
    bool paused = false;
    onThread([&] { paused = listener->isAcceptingPaused(); });
    return paused;
}

void ThreadedListener::checkTimeouts()
{
    onThread([this] { listener->checkTimeouts(); });
}

double ThreadedListener::threadCpuMs()
{
    timespec ts{};
    onThread([&] { ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); });
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}
