#include "replay.h"

#include "http/outgoingrequest.h"
#include "http/request.h"
#include "signing/scheme.h"
#include "signing/signing.h"

#include <QCoreApplication>

#include <algorithm>

namespace Delivery {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Delivery::Replay", text);
}

QString shown(QByteArrayView bytes)
{
    return Signing::escapeForDisplay(bytes);
}

QString fieldText(const Http::Field &f)
{
    return shown(f.name) + QStringLiteral(": ") + shown(f.value);
}

} // namespace

QList<QByteArray> connectionTokens(const Http::MessageHead &r)
{
    QList<QByteArray> tokens;
    for (qsizetype i = 0; i < r.headerCount(); ++i) {
        const Http::Field f = r.header(i);
        if (!Http::equalsIgnoreCase(f.name, "Connection"))
            continue;
        for (const QByteArray &token : f.value.toByteArray().split(',')) {
            const QByteArray t = token.trimmed();
            if (!t.isEmpty())
                tokens.append(t);
        }
    }
    return tokens;
}

namespace {

bool isAnyOf(QByteArrayView name, const QList<QByteArray> &names)
{
    return std::any_of(names.cbegin(), names.cend(),
                       [name](const QByteArray &n) { return Http::equalsIgnoreCase(name, n); });
}

/// Every header the scheme puts on a message it signs: those that identify it, and whatever
/// sign() adds beside them (ids, timestamps).
QList<QByteArray> headersSignedBy(const QString &scheme, const QByteArray &secret, const QByteArray &body)
{
    QList<QByteArray> names;
    if (const Signing::Scheme *s = Signing::findScheme(scheme)) {
        for (QByteArrayView n : s->signatureHeaders())
            names.append(n.toByteArray());
    }
    const Signing::Signed made = Signing::sign(scheme, secret, body, QStringLiteral("http://127.0.0.1/"));
    for (const auto &h : made.headers) {
        if (!isAnyOf(h.first, names))
            names.append(h.first);
    }
    return names;
}

} // namespace

bool isHopByHop(QByteArrayView name, const QList<QByteArray> &connectionTokens)
{
    static const QList<QByteArray> fixed{"Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Upgrade"};
    if (isAnyOf(name, fixed) || isAnyOf(name, connectionTokens))
        return true;
    return name.size() >= 6 && Http::equalsIgnoreCase(name.first(6), "Proxy-");
}

Replay replayOf(const Http::Request &captured, const ReplayOptions &options)
{
    Replay r;
    Message &m = r.message;
    m.name = options.sourceId > 0 ? tr("Replay of request %1").arg(options.sourceId) : tr("Replay");
    m.method = captured.method().toByteArray();
    m.rawTarget = captured.target().toByteArray();
    m.destinations = options.destinations;
    m.body = captured.body();
    m.chunked = false;
    m.resolvePlaceholders = false;
    m.kind = QStringLiteral("replay");
    m.sourceId = options.sourceId;
    if (options.destinations.isEmpty())
        r.error = tr("A replay needs at least one destination.");

    const bool resign = !options.resignScheme.isEmpty();
    QList<QByteArray> signatureNames;
    if (resign) {
        if (Signing::schemeTitle(options.resignScheme).isEmpty())
            r.error = tr("There is no signature scheme called \"%1\".").arg(options.resignScheme);
        else if (options.resignSecret.isEmpty())
            r.error = tr("Re-signing with %1 needs a secret.").arg(Signing::schemeTitle(options.resignScheme));
        else
            signatureNames = headersSignedBy(options.resignScheme, options.resignSecret, m.body);
        m.signScheme = options.resignScheme;
        m.signSecret = options.resignSecret;
    }

    const bool say = options.describeChanges;
    const QList<QByteArray> tokens = connectionTokens(captured);
    QList<QByteArray> capturedHosts;
    QByteArray capturedLength;
    bool hasLength = false, hasUserAgent = false;
    for (qsizetype i = 0; i < captured.headerCount(); ++i) {
        const Http::Field f = captured.header(i);
        if (Http::equalsIgnoreCase(f.name, "Host")) {
            capturedHosts.append(f.value.toByteArray());
        } else if (Http::equalsIgnoreCase(f.name, "Content-Length")) {
            hasLength = true;
            capturedLength = f.value.toByteArray();
        } else if (Http::equalsIgnoreCase(f.name, "Transfer-Encoding")) {
            if (say)
                r.changes.append(
                    tr("%1 dropped (the body goes with Content-Length: %2)").arg(fieldText(f)).arg(m.body.size()));
        } else if (isHopByHop(f.name, tokens)) {
            const bool named = isAnyOf(f.name, tokens) && !isHopByHop(f.name, {});
            if (say)
                r.changes.append(
                    (named ? tr("%1 dropped (named in Connection)") : tr("%1 dropped (hop-by-hop)")).arg(fieldText(f)));
        } else if (resign && isAnyOf(f.name, signatureNames)) {
            if (say)
                r.changes.append(
                    tr("%1 dropped (re-signed with %2)").arg(fieldText(f), Signing::schemeTitle(options.resignScheme)));
        } else {
            if (Http::equalsIgnoreCase(f.name, "User-Agent"))
                hasUserAgent = true;
            m.headers.append({f.name.toByteArray(), f.value.toByteArray()});
        }
    }

    if (!say) {
        if (!hasUserAgent) // an emptied default is left out: the Sender adds none
            m.headers.append({QByteArrayLiteral("User-Agent"), QByteArray()});
        return r;
    }
    for (const QUrl &url : options.destinations) {
        const QByteArray host = Http::OutgoingRequest::hostOf(url);
        if (capturedHosts.isEmpty())
            r.changes.append(tr("Host: %1 added (none was captured)").arg(shown(host)));
        else if (capturedHosts.size() > 1 || capturedHosts.constFirst() != host)
            r.changes.append(tr("Host: %1 → %2").arg(shown(capturedHosts.join(", ")), shown(host)));
    }
    const QByteArray length = QByteArray::number(m.body.size());
    if (!captured.isChunked()) {
        if (!hasLength)
            r.changes.append(tr("Content-Length: %1 added (none was captured)").arg(m.body.size()));
        else if (capturedLength != length)
            r.changes.append(tr("Content-Length: %1 → %2").arg(shown(capturedLength), QLatin1String(length)));
    }
    if (captured.trailerCount() > 0) {
        QStringList trailers;
        for (qsizetype i = 0; i < captured.trailerCount(); ++i)
            trailers.append(fieldText(captured.trailer(i)));
        r.changes.append(tr("Trailer fields dropped (the body is no longer chunked): %1").arg(trailers.join(u"; ")));
    }
    if (!hasUserAgent) {
        // An emptied default is left out (Http::OutgoingRequest::withDefaults): the Sender adds none.
        m.headers.append({QByteArrayLiteral("User-Agent"), QByteArray()});
        r.changes.append(tr("No User-Agent was captured: none is sent (Hookscope adds none of its own)"));
    }
    if (resign && r.error.isEmpty())
        r.changes.append(tr("Signed afresh with %1 as it is sent (new timestamp): its headers go at the end")
                             .arg(Signing::schemeTitle(options.resignScheme)));
    return r;
}

} // namespace Delivery
