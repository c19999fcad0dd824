#pragma once

#include "answerspec.h"
#include "forwardstage.h"
#include "http/requesthandler.h"
#include "responserules.h"
#include "session/capturedrequest.h"

#include <QHash>
#include <QObject>

#include <atomic>
#include <mutex>
#include <optional>

class QTimer;

namespace Session {
class SessionWriter;
}

namespace Capture {

/**
 * Turns what the listener reads into CapturedRequest records and answers each request the way
 * the user chose. Lives on the capture thread.
 *
 * With a session writer and durable answers (the default), a request is answered only after it
 * is in the session's log (one write per event-loop turn; see Session::Journal): a sender that
 * got a 2xx can rely on the request being in the session even if Hookscope is killed the next
 * instant. If it cannot be kept (disk full), the sender gets 503 and will retry. With fast
 * answers, requests are answered at once and saved right after.
 * Records leave in batches: at once when capture
 * is quiet, and at most every few milliseconds under a flood, so the receiving thread is woken
 * a bounded number of times per second however fast requests come.
 */
class CaptureService : public QObject, public Http::RequestHandler
{
    Q_OBJECT

public:
    explicit CaptureService(QObject *parent = nullptr);

    /// Answers everything the same way (the rules' default, with no other rules).
    void setAnswer(const AnswerSpec &answer);
    /// Applies at once to the next request; sequences start over.
    void setRules(const ResponseRules &rules);
    /// setRules() from any thread, without waiting for this one: the next request read takes
    /// them, even one already waiting on a socket when this is called.
    void offerRules(const ResponseRules &rules);
    const ResponseRules &rules() const { return m_rules; }
    /// Verifies the signature of every request from the next one on (before the answer is chosen,
    /// so a rule can answer by verdict). Capture thread.
    void setVerifier(const Signing::Verifier &verifier) { m_verifier = verifier; }
    const Signing::Verifier &verifier() const { return m_verifier; }
    /// The id the next captured request gets.
    void setNextId(qint64 id) { m_nextId = id; }
    qint64 nextId() const { return m_nextId; }
    /// Saves every record through `writer` (not owned; null: keep nothing). Answers wait for the
    /// commit unless `fastAck`. The writer's commit handler must call committed() on this thread.
    void setSessionWriter(Session::SessionWriter *writer, bool fastAck);
    void setFastAck(bool fastAck) { m_fastAck = fastAck; }
    /// Adds records from elsewhere to the session, numbered from nextId() on.
    void importRecords(const QList<Session::CapturedRequest> &records);
    /// Hands what was read this turn to the session writer now.
    void flushToWriter();
    /// A transaction ended: answer what waited for it and pass the records on.
    void committed(const Session::CapturedBatch &batch, const QString &error);
    /// The writer's news: SQLite refuses commits (the error), or has caught up again (empty).
    void storeHealthChanged(const QString &error);

    /// Forwards what these rules say from the next request on (after each is in the session).
    void setForwardRules(const ForwardRules &rules) { m_forwards->setRules(rules); }
    /// Forwarding: its results and the answers it held come as its signals.
    ForwardStage *forwards() const { return m_forwards; }

    void handleRequest(Http::IncomingRequest incoming) override;
    void handleRejected(Http::RejectedRequest rejected) override;
    /// Emits what is waiting now instead of at the end of this event-loop turn.
    void flushBatch();

Q_SIGNALS:
    void captured(const Session::CapturedBatch &batch);
    /// Saving fails (senders get 503 while nothing can be logged), or works again (empty).
    void saveProblemChanged(const QString &error);

private:
    struct Pending
    {
        Http::Responder responder;
        Http::Response response;
        int delayMs = 0;
    };
    void enqueue(Session::CapturedRequestPtr record);
    void toWriter(Session::CapturedRequestPtr record);
    /// The record as shown when it could not be kept; answers its sender 503.
    Session::CapturedRequestPtr refuse(const Session::CapturedRequestPtr &record, const QString &error);
    void answer(const Http::Responder &responder, const Http::Response &response, int delayMs);

    /// The answer for a request, and the index of the rule that chose it in `rule` (-1: the default).
    const AnswerSpec &chooseAnswer(QByteArrayView method, QByteArrayView target, Signing::Verdict verdict, int *rule);
    void setSaveProblem(QString *which, const QString &error);

    ResponseRules m_rules;
    std::mutex m_offerMutex;
    std::optional<ResponseRules> m_offered; // guarded by m_offerMutex
    std::atomic<bool> m_hasOffer{false};
    QList<int> m_sequence; // per rule: how many requests it has answered
    QStringList m_labels;  // per rule: its label, made once rather than per request
    Signing::Verifier m_verifier;
    qint64 m_nextId = 1;
    Session::SessionWriter *m_writer = nullptr;
    bool m_fastAck = false;
    // The answer held until its record commits. Keyed by record, not id: while sessions switch,
    // two files' ids can meet here.
    QHash<const Session::CapturedRequest *, Pending> m_pending;
    Session::CapturedBatch m_batch;
    ForwardStage *m_forwards;
    QTimer *m_flushTimer;
    QTimer *m_submitTimer;
    Session::CapturedBatch m_toWrite; // read this turn, not yet handed to the writer
    qint64 m_lastFlushMs = 0;
    QString m_logError;   // the session's log refused the last write
    QString m_storeError; // SQLite refuses commits
};

} // namespace Capture
