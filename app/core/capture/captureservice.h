#pragma once

#include "answerspec.h"
#include "http/requesthandler.h"
#include "session/capturedrequest.h"

#include <QObject>

class QTimer;

namespace Capture {

/**
 * Turns what the listener reads into CapturedRequest records and answers each request the way
 * the user chose. Lives on the capture thread. Records leave in batches: at once when capture
 * is quiet, and at most every few milliseconds under a flood, so the receiving thread is woken
 * a bounded number of times per second however fast requests come.
 */
class CaptureService : public QObject, public Http::RequestHandler
{
    Q_OBJECT

public:
    explicit CaptureService(QObject *parent = nullptr);

    void setAnswer(const AnswerSpec &answer) { m_answer = answer; }
    const AnswerSpec &answer() const { return m_answer; }
    /// The id the next captured request gets.
    void setNextId(qint64 id) { m_nextId = id; }

    void handleRequest(Http::IncomingRequest incoming) override;
    void handleRejected(Http::RejectedRequest rejected) override;
    /// Emits what is waiting now instead of at the end of this event-loop turn.
    void flushBatch();

Q_SIGNALS:
    void captured(const Session::CapturedBatch &batch);

private:
    void enqueue(Session::CapturedRequestPtr record);

    AnswerSpec m_answer;
    qint64 m_nextId = 1;
    Session::CapturedBatch m_batch;
    QTimer *m_flushTimer;
    qint64 m_lastFlushMs = 0;
};

} // namespace Capture
