#include "forwarder.h"

#include <algorithm>

namespace Capture {

namespace {

/// Headers that stay behind: those about one connection, not the message (RFC 9110 §7.6.1), and
/// Host and Content-Length, which the sender makes for the destination.
bool leftBehind(QByteArrayView name, const QList<QByteArray> &namedByConnection)
{
    for (QByteArrayView hop : {"Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Upgrade", "Host",
                               "Content-Length", "Proxy-Connection"}) {
        if (Http::equalsIgnoreCase(name, hop))
            return true;
    }
    if (name.size() >= 6 && Http::equalsIgnoreCase(name.first(6), "Proxy-"))
        return true;
    return std::any_of(namedByConnection.cbegin(), namedByConnection.cend(),
                       [name](const QByteArray &named) { return Http::equalsIgnoreCase(name, named); });
}

} // namespace

Forwarder::Forwarder(QObject *parent)
    : QObject(parent)
    , m_sender(std::make_unique<Delivery::Sender>())
{
    qRegisterMetaType<Capture::ForwardResult>();
    connect(m_sender.get(), &Delivery::Sender::attemptFinished, this, &Forwarder::onAttempt);
    connect(m_sender.get(), &Delivery::Sender::messageFinished, this, &Forwarder::onMessageFinished);
    m_clock.start();
}

Forwarder::~Forwarder()
{
    QObject::disconnect(m_sender.get(), nullptr, this, nullptr);
}

void Forwarder::setRules(const ForwardRules &rules)
{
    m_rules = rules;
}

Delivery::Message Forwarder::messageFor(const Http::Request &request, const ForwardRule &rule, const QUrl &destination)
{
    Delivery::Message m;
    m.name = rule.name.isEmpty() ? QStringLiteral("forward") : rule.name;
    m.method = request.method().toByteArray();
    m.destinations = {destination};
    m.rawTarget = rule.targetFor(destination, request.target());
    m.resolvePlaceholders = false;
    m.retry = rule.retry;
    QList<QByteArray> namedByConnection;
    bool hasUserAgent = false;
    for (qsizetype i = 0; i < request.headerCount(); ++i) {
        const auto h = request.header(i);
        if (Http::equalsIgnoreCase(h.name, "Connection")) {
            for (const QByteArray &token : h.value.toByteArray().split(','))
                namedByConnection.append(token.trimmed());
        }
        hasUserAgent = hasUserAgent || Http::equalsIgnoreCase(h.name, "User-Agent");
    }
    for (qsizetype i = 0; i < request.headerCount(); ++i) {
        const auto h = request.header(i);
        if (!leftBehind(h.name, namedByConnection))
            m.headers.append({h.name.toByteArray(), h.value.toByteArray()});
    }
    if (!hasUserAgent)
        m.headers.append({"User-Agent", QByteArray()}); // the sender's own would be added otherwise
    m.body = request.body();
    return m;
}

QList<qint64> Forwarder::forward(const Session::CapturedBatch &batch)
{
    QList<qint64> forwarded;
    for (const Session::CapturedRequestPtr &record : batch) {
        if (record->rejected || !record->request.hasRequestLine())
            continue;
        const Http::Request &r = record->request;
        const int index = m_rules.match(r.method(), r.target());
        if (index < 0)
            continue;
        const ForwardRule &rule = m_rules.rules.at(index);
        Request &entry = m_requests[record->id];
        for (const QUrl &destination : rule.destinations) {
            const Delivery::Message m = messageFor(r, rule, destination);
            ForwardResult result;
            result.url = QUrl::fromEncoded(
                destination.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                    .toEncoded() +
                m.rawTarget);
            QString error;
            const qint64 id = m_sender->send(m, &error);
            if (id == 0) {
                result.error = error;
                entry.results.append(result);
                continue;
            }
            m_sent.insert(id, {record->id, int(entry.results.size()), m_clock.elapsed()});
            entry.results.append(result);
            ++entry.open;
        }
        forwarded.append(record->id);
        if (entry.open == 0) {
            const QList<ForwardResult> results = m_requests.take(record->id).results;
            Q_EMIT this->forwarded(record->id, results);
        }
    }
    return forwarded;
}

void Forwarder::onAttempt(const Delivery::AttemptReport &report)
{
    const auto sent = m_sent.constFind(report.messageId);
    if (sent == m_sent.constEnd() || !report.final)
        return;
    ForwardResult &result = m_requests[sent->requestId].results[sent->slot];
    const Http::ExchangeResult &e = report.exchange;
    result.attempts = report.attempt;
    result.status = e.hasResponse() ? e.response.status() : 0;
    result.durationMs = m_clock.elapsed() - sent->sentAtMs;
    result.error = e.hasResponse() ? QString() : e.error;
}

void Forwarder::onMessageFinished(qint64 messageId)
{
    const auto sent = m_sent.find(messageId);
    if (sent == m_sent.end())
        return;
    const qint64 requestId = sent->requestId;
    m_sent.erase(sent);
    auto entry = m_requests.find(requestId);
    if (entry == m_requests.end() || --entry->open > 0)
        return;
    const QList<ForwardResult> results = entry->results;
    m_requests.erase(entry);
    Q_EMIT forwarded(requestId, results);
}

} // namespace Capture
