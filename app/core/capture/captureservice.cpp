#include "captureservice.h"

#include "http/connection.h"
#include "http/requestreader.h"
#include "session/sessionwriter.h"

#include <QAbstractEventDispatcher>
#include <QLoggingCategory>
#include <QTimer>

namespace Capture {

Q_LOGGING_CATEGORY(lcCapture, "hookscope.capture", QtWarningMsg)

namespace {
constexpr int kBatchIntervalMs = 5;
// Requests the session writer may lag behind the log before answers wait for commits.
constexpr qsizetype kMaxBacklog = 20000;
} // namespace

CaptureService::CaptureService(QObject *parent)
    : QObject(parent)
    , m_forwards(new ForwardStage(this))
    , m_flushTimer(new QTimer(this))
    , m_submitTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setTimerType(Qt::PreciseTimer);
    connect(m_flushTimer, &QTimer::timeout, this, &CaptureService::flushBatch);
    m_submitTimer->setSingleShot(true);
    m_submitTimer->setInterval(1);
    connect(m_submitTimer, &QTimer::timeout, this, &CaptureService::flushToWriter);
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread()))
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &CaptureService::flushToWriter);
}

static void fillPeer(Session::CapturedRequest &record, const Http::PeerInfo &peer)
{
    record.remoteAddress = peer.address;
    record.remotePort = peer.port;
    record.localPort = peer.localPort;
    record.tls = peer.tls;
    record.tlsInfo = peer.tlsInfo;
}

void CaptureService::setAnswer(const AnswerSpec &answer)
{
    ResponseRules rules;
    rules.fallback = answer;
    setRules(rules);
}

void CaptureService::setRules(const ResponseRules &rules)
{
    m_rules = rules;
    m_sequence = QList<int>(rules.rules.size(), 0);
    m_labels.clear();
    for (const ResponseRule &rule : rules.rules)
        m_labels.append(rule.label());
}

void CaptureService::offerRules(const ResponseRules &rules)
{
    std::lock_guard lock(m_offerMutex);
    m_offered = rules;
    m_hasOffer.store(true, std::memory_order_release);
}

const AnswerSpec &CaptureService::chooseAnswer(QByteArrayView method, QByteArrayView target, Signing::Verdict verdict,
                                               int *rule)
{
    if (m_hasOffer.exchange(false, std::memory_order_acquire)) {
        std::optional<ResponseRules> offered;
        {
            std::lock_guard lock(m_offerMutex);
            offered.swap(m_offered);
        }
        if (offered)
            setRules(*offered);
    }
    const int index = m_rules.match(method, target, verdict);
    *rule = index;
    if (index < 0)
        return m_rules.fallback;
    const ResponseRule &chosen = m_rules.rules.at(index);
    const int turn = m_sequence[index]++;
    const qsizetype count = chosen.answers.size();
    return chosen.answers.at(turn < count ? turn : (chosen.cycle ? turn % count : count - 1));
}

/// Zoom will not save a webhook URL until it answers Zoom's challenge with the token signed by the
/// secret: with that secret set, and no rule of the user's own for the request, Hookscope answers it.
static std::optional<Http::Response> zoomChallengeAnswer(const Signing::Verifier &verifier,
                                                         const Http::Request &request, qint64 nowSeconds)
{
    for (const Signing::Secret &secret : verifier.config().secrets) {
        if (secret.scheme != QLatin1String("zoom"))
            continue;
        Signing::Config one;
        one.secrets = {secret};
        one.toleranceSeconds = verifier.config().toleranceSeconds;
        if (Signing::Verifier(one).verify(request, nowSeconds).verdict != Signing::Verdict::Valid)
            continue;
        const QByteArray body = Signing::zoomUrlValidationResponse(secret.secret, request.body());
        if (body.isEmpty())
            return std::nullopt;
        Http::Response response;
        response.status = 200;
        response.headers = {{"Content-Type", "application/json"}};
        response.body = body;
        return response;
    }
    return std::nullopt;
}

void CaptureService::handleRequest(Http::IncomingRequest incoming)
{
    // Cheap (one HMAC over a body that just arrived), and a rule may answer by its verdict.
    Signing::Result signature = m_verifier.verify(incoming.request, incoming.receivedAtMs / 1000);
    int rule = -1;
    const AnswerSpec &spec =
        chooseAnswer(incoming.request.method(), incoming.request.target(), signature.verdict, &rule);
    Http::Response response = spec.response();
    int delayMs = spec.delayMs;
    auto record = std::make_shared<Session::CapturedRequest>();
    record->answerChoice = rule < 0 ? Session::AnswerChoice::Default : Session::AnswerChoice::Rule;
    if (rule >= 0)
        record->answerRule = m_labels.at(rule);
    if (signature.scheme == QLatin1String("zoom") && signature.verdict == Signing::Verdict::Valid && rule < 0) {
        if (std::optional<Http::Response> challenge =
                zoomChallengeAnswer(m_verifier, incoming.request, incoming.receivedAtMs / 1000)) {
            response = std::move(*challenge);
            delayMs = 0;
            record->answerChoice = Session::AnswerChoice::Challenge;
            record->answerRule = QStringLiteral("Zoom URL validation");
        }
    }
    record->signature = std::move(signature);
    record->event = Session::webhookEventOf(incoming.request);
    record->id = m_nextId++;
    record->receivedAtMs = incoming.receivedAtMs;
    fillPeer(*record, incoming.peer);
    record->request = std::move(incoming.request);
    record->responseStatus = response.status;
    record->responseHeaders = response.headers;
    record->responseBody = response.body;

    if (m_forwards->holdsAnswer(*record)) {
        // Answered once the forward's first destination has (or the rule's timeout has passed).
        m_forwards->hold(record->id, incoming.responder, response, delayMs);
        if (m_writer)
            toWriter(std::move(record));
        else
            enqueue(std::move(record));
        return;
    }
    if (!m_writer) {
        answer(incoming.responder, response, delayMs);
        enqueue(std::move(record));
        return;
    }
    if (m_fastAck)
        answer(incoming.responder, response, delayMs);
    else
        m_pending.insert(record.get(), Pending{incoming.responder, response, delayMs});
    toWriter(std::move(record));
}

void CaptureService::answer(const Http::Responder &responder, const Http::Response &response, int delayMs)
{
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, [responder, response] { responder.respond(response); });
    else
        responder.respond(response);
}

void CaptureService::toWriter(Session::CapturedRequestPtr record)
{
    // Hand records over once per event-loop turn, when the loop is about to wait: the writer
    // is woken once for everything read in that turn, and its transactions grow with the load.
    m_toWrite.append(std::move(record));
    if (m_toWrite.size() >= 256)
        flushToWriter();
    else if (!m_submitTimer->isActive())
        m_submitTimer->start(); // in case the loop never gets to wait
}

void CaptureService::flushToWriter()
{
    m_submitTimer->stop();
    if (m_toWrite.isEmpty() || !m_writer)
        return;
    Session::CapturedBatch batch = std::exchange(m_toWrite, {});
    QString error;
    if (!m_writer->journal(batch, &error)) {
        // Kept nowhere (disk full): the senders must not believe otherwise, and the user must see it.
        for (const Session::CapturedRequestPtr &record : std::as_const(batch))
            enqueue(refuse(record, error));
        setSaveProblem(&m_logError, error);
        return;
    }
    setSaveProblem(&m_logError, {});
    // Logged: each request now survives a crash, so its answer may go. If SQLite has fallen far
    // behind the log, answers wait for their commit instead, which slows senders down to what the
    // disk takes rather than letting the backlog grow without end.
    if (m_writer->backlog() < kMaxBacklog) {
        for (const Session::CapturedRequestPtr &record : std::as_const(batch)) {
            const auto pending = m_pending.constFind(record.get());
            if (pending != m_pending.constEnd()) {
                answer(pending->responder, pending->response, pending->delayMs);
                m_pending.erase(pending);
            }
        }
    }
    m_writer->submit(std::move(batch));
}

Session::CapturedRequestPtr CaptureService::refuse(const Session::CapturedRequestPtr &record, const QString &error)
{
    auto copy = std::make_shared<Session::CapturedRequest>(*record);
    copy->saveError = error;
    // not translated: the body goes on the wire to the sender, whatever language the user reads
    const Http::Response unavailable =
        Http::Response::error(503, QStringLiteral("Hookscope could not save this request: %1").arg(error));
    const auto pending = m_pending.constFind(record.get());
    bool answered = m_forwards->release(record->id, unavailable); // not forwarded either: saveError
    if (pending != m_pending.constEnd()) {
        answer(pending->responder, unavailable, 0);
        m_pending.erase(pending);
        answered = true;
    }
    if (answered) {
        copy->answerChoice = Session::AnswerChoice::Unknown; // no rule answered: saving failed
        copy->answerRule.clear();
        copy->responseStatus = unavailable.status;
        copy->responseHeaders = unavailable.headers;
        copy->responseBody = unavailable.body;
    }
    return copy;
}

void CaptureService::importRecords(const QList<Session::CapturedRequest> &records)
{
    for (const Session::CapturedRequest &r : records) {
        auto record = std::make_shared<Session::CapturedRequest>(r);
        record->id = m_nextId++;
        if (!record->rejected) // with the secrets here, whatever the file said
            record->signature = m_verifier.verify(record->request, record->receivedAtMs / 1000);
        record->event = Session::webhookEventOf(record->request);
        if (m_writer)
            toWriter(std::move(record));
        else
            enqueue(std::move(record));
    }
    flushToWriter();
}

void CaptureService::setSessionWriter(Session::SessionWriter *writer, bool fastAck)
{
    flushToWriter(); // what was read for the previous writer goes to it
    m_writer = writer;
    m_fastAck = fastAck;
    setSaveProblem(&m_logError, {}); // a new file starts with a clean slate
    setSaveProblem(&m_storeError, {});
}

void CaptureService::committed(const Session::CapturedBatch &batch, const QString &error)
{
    // The records were logged before they reached the writer, so even when this transaction
    // failed they are kept: the log stays and the next writer of the session replays it.
    if (!error.isEmpty())
        qCWarning(lcCapture) << "SQLite could not take" << batch.size() << "logged requests yet:" << error;
    for (const Session::CapturedRequestPtr &record : batch) {
        const auto pending = m_pending.constFind(record.get());
        if (pending != m_pending.constEnd()) { // held while the writer was far behind
            answer(pending->responder, pending->response, pending->delayMs);
            m_pending.erase(pending);
        }
        enqueue(record);
    }
}

void CaptureService::storeHealthChanged(const QString &error)
{
    setSaveProblem(&m_storeError, error);
}

void CaptureService::setSaveProblem(QString *which, const QString &error)
{
    if (*which == error)
        return;
    const bool before = m_logError.isEmpty() && m_storeError.isEmpty();
    *which = error;
    const bool after = m_logError.isEmpty() && m_storeError.isEmpty();
    if (!after)
        Q_EMIT saveProblemChanged(
            m_logError.isEmpty()
                ? tr("the session file refuses requests (%1); the answered ones wait in its log").arg(m_storeError)
                : tr("nothing can be written (%1); senders get 503 and will retry").arg(m_logError));
    else if (!before)
        Q_EMIT saveProblemChanged({});
}

void CaptureService::handleRejected(Http::RejectedRequest rejected)
{
    auto record = std::make_shared<Session::CapturedRequest>();
    record->id = m_nextId++;
    record->receivedAtMs = rejected.receivedAtMs;
    fillPeer(*record, rejected.peer);
    // What the session keeps of a rejected request is the bytes received up to the head limit;
    // the record shown and printed now is rebuilt from those same bytes, so it says no more than
    // the file will (not the 100 MiB a 413 read before it gave up).
    record->request = Http::RequestReader::restorePartial(rejected.raw);
    record->responseStatus = rejected.answerStatus;
    if (rejected.answerStatus != 0) {
        const Http::Response sent = Http::Response::error(rejected.answerStatus, rejected.error.reason);
        record->responseHeaders = sent.headers;
        record->responseBody = sent.body;
    }
    record->rejected = true;
    record->errorStatus = rejected.error.status;
    record->errorReason = rejected.error.reason;
    record->errorOffset = rejected.error.offset;
    record->raw = std::move(rejected.raw);
    if (m_writer)
        toWriter(std::move(record));
    else
        enqueue(std::move(record));
}

void CaptureService::enqueue(Session::CapturedRequestPtr record)
{
    m_batch.append(std::move(record));
    if (m_flushTimer->isActive())
        return;
    // Quiet: flush when this event-loop turn ends. Busy: wait out the rest of the interval.
    const qint64 sinceLast = Http::Connection::monotonicMs() - m_lastFlushMs;
    m_flushTimer->start(int(qBound<qint64>(qint64(0), kBatchIntervalMs - sinceLast, qint64(kBatchIntervalMs))));
}

void CaptureService::flushBatch()
{
    m_flushTimer->stop();
    m_lastFlushMs = Http::Connection::monotonicMs();
    Session::CapturedBatch batch;
    batch.swap(m_batch);
    if (batch.isEmpty())
        return;
    // First the records, then (in the session by now, or kept nowhere by choice) their forwards:
    // whoever hears both hears of a request before its forwards and late answer.
    Q_EMIT captured(batch);
    m_forwards->forward(batch);
}

} // namespace Capture
