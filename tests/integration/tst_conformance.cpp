// Replays the llhttp request corpus (shared/conformance/llhttp_requests.json) against the running
// listener as a black box: real sockets, whole / byte-by-byte / seeded-random pieces, then judges
// what was captured by each case's rfc_expectation as the corpus README describes.

#include "rawclient.h"
#ifdef HOOKSCOPE_CONFORMANCE_TLS
#include "tlstesting.h"
#endif

#include "capture/captureengine.h"
#include "session/capturedrequest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

#include <netinet/in.h>
#include <sys/socket.h>

namespace {

using Fields = QList<std::pair<QByteArray, QByteArray>>;

// Only reached when the server misbehaves: it is told the client half-closed and must close too.
constexpr int kCloseTimeoutMs = 3000;
// Random pieces are 1..kMaxPiece bytes; the seed is fixed so every run splits the same way.
constexpr int kMaxPiece = 16;
constexpr quint32 kDefaultSeed = 0x48534350; // "HSCP"

enum class SendMode { Whole, Bytes, Random };

const char *modeName(SendMode mode)
{
    switch (mode) {
    case SendMode::Whole:
        return "whole";
    case SendMode::Bytes:
        return "1-byte";
    case SendMode::Random:
        return "random";
    }
    return "?";
}

/// A request the corpus says is in the bytes.
struct Message
{
    QByteArray method;
    QByteArray target;
    QByteArray version; ///< "HTTP/1.1"; empty when the request line has none
    Fields headers;
    Fields trailers;
    QByteArray body;
    bool detailed = true; ///< false: only the request line is known
    bool obsFold = false;
};

struct Case
{
    QString id;
    QString expectation;
    QString note;
    QByteArray raw;
    QByteArray completion; ///< synthesized bytes that complete the message the raw bytes end inside
    QList<Message> requests;
    QList<Message> before; ///< requests_before_error
    std::optional<Message> completedPartial;
    Message firstRequestLine; ///< what the first request line of the bytes says
    QStringList twins;        ///< cases with the same bytes
    bool lenient = false;
    bool incompleteTail = false;
};

/// What one connection produced.
struct Observation
{
    Session::CapturedBatch accepted;
    Session::CapturedBatch rejected;
    QList<int> statuses; ///< final (non-1xx) answers, in order
    bool closed = false;
    bool sendFailed = false;
};

QString printable(QByteArrayView bytes, qsizetype max = 70)
{
    QString out;
    for (qsizetype i = 0; i < bytes.size() && i < max; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\r')
            out += QLatin1String("\\r");
        else if (c == '\n')
            out += QLatin1String("\\n");
        else if (c == '\t')
            out += QLatin1String("\\t");
        else if (c == '\\')
            out += QLatin1String("\\\\");
        else if (c < 0x20 || c >= 0x7f)
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(static_cast<char>(c));
    }
    if (bytes.size() > max)
        out += QLatin1String("...");
    return out;
}

QByteArrayView trimOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// The corpus writes each byte as one code point (U+0000..U+00FF), so Latin-1 gives the wire bytes.
QByteArray bytesOf(const QJsonValue &v)
{
    return v.toString().toLatin1();
}

QByteArray fromBase64(const QJsonValue &v)
{
    return QByteArray::fromBase64(v.toString().toLatin1());
}

Fields fieldsOf(const QJsonArray &array, bool base64)
{
    Fields out;
    for (const QJsonValue &pair : array) {
        const QJsonArray nv = pair.toArray();
        if (base64)
            out.append({fromBase64(nv.at(0)), fromBase64(nv.at(1))});
        else
            out.append({bytesOf(nv.at(0)), bytesOf(nv.at(1))});
    }
    return out;
}

QByteArray versionOf(const QJsonValue &protocol, const QJsonValue &version)
{
    if (version.isNull() || version.isUndefined())
        return {};
    return (protocol.isString() ? bytesOf(protocol) : QByteArrayLiteral("HTTP")) + '/' + bytesOf(version);
}

Message messageOf(const QJsonObject &o)
{
    Message m;
    m.method = bytesOf(o.value(QLatin1String("method")));
    m.target = bytesOf(o.value(QLatin1String("url")));
    m.version = versionOf(o.value(QLatin1String("protocol")), o.value(QLatin1String("version")));
    // headers_normalized: obs-fold unfolded, trailing whitespace trimmed (what RFC 9110 §5.5 calls the
    // value); headers_b64 carries non-ASCII values byte for byte.
    if (o.contains(QLatin1String("headers_normalized")))
        m.headers = fieldsOf(o.value(QLatin1String("headers_normalized")).toArray(), false);
    else if (o.contains(QLatin1String("headers_b64")))
        m.headers = fieldsOf(o.value(QLatin1String("headers_b64")).toArray(), true);
    else
        m.headers = fieldsOf(o.value(QLatin1String("headers")).toArray(), false);
    m.trailers = fieldsOf(o.value(QLatin1String("trailers")).toArray(), false);
    m.body = fromBase64(o.value(QLatin1String("body_b64")));
    m.obsFold = o.value(QLatin1String("obs_fold")).toBool();
    return m;
}

QList<Message> messagesOf(const QJsonValue &v)
{
    QList<Message> out;
    for (const QJsonValue &m : v.toArray())
        out.append(messageOf(m.toObject()));
    return out;
}

// The message the bytes end inside, as it is once the synthesized completion is appended.
Message completedPartialOf(const QJsonObject &p, const QByteArray &completion)
{
    Message m;
    m.method = bytesOf(p.value(QLatin1String("method")));
    m.target = bytesOf(p.value(QLatin1String("url")));
    m.version = versionOf(QJsonValue(), p.value(QLatin1String("version")));
    bool chunked = false;
    for (const auto &[name, value] : fieldsOf(p.value(QLatin1String("headers")).toArray(), false)) {
        // llhttp reports partial values untrimmed; OWS is not part of a field value (RFC 9110 §5.5).
        const QByteArray trimmed = trimOws(value).toByteArray();
        m.headers.append({name, trimmed});
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0 && trimmed.toLower().endsWith("chunked"))
            chunked = true;
    }
    // The completion terminates a chunked body, or pads a Content-Length body.
    m.body = fromBase64(p.value(QLatin1String("body_so_far_b64"))) + (chunked ? QByteArray() : completion);
    return m;
}

// The first request line in the bytes (after skipped empty lines). Fully known only when no header
// field follows it; otherwise only method, target and version are compared.
Message firstRequestLineOf(const QByteArray &raw)
{
    qsizetype pos = 0;
    while (raw.sliced(pos).startsWith("\r\n"))
        pos += 2;
    qsizetype end = pos;
    while (end < raw.size() && raw[end] != '\r' && raw[end] != '\n')
        ++end;
    const QByteArray line = raw.mid(pos, end - pos);
    Message m;
    const qsizetype first = line.indexOf(' ');
    const qsizetype last = line.lastIndexOf(' ');
    if (first < 0) {
        m.method = line;
    } else if (last == first) {
        m.method = line.left(first);
        m.target = line.mid(first + 1);
    } else {
        m.method = line.left(first);
        m.target = line.mid(first + 1, last - first - 1);
        m.version = line.mid(last + 1);
    }
    m.detailed = raw.mid(end, 4) == "\r\n\r\n";
    return m;
}

quint32 caseSeed(const QString &id, quint32 base)
{
    quint32 h = 2166136261u; // FNV-1a: stable across runs and Qt versions, unlike qHash
    for (char c : id.toUtf8()) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h ^ base;
}

QList<qsizetype> randomPieces(qsizetype total, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<qsizetype> sizes;
    for (qsizetype sum = 0; sum < total;) {
        const qsizetype size = rng.bounded(1, kMaxPiece + 1);
        sizes.append(size);
        sum += size;
    }
    return sizes;
}

// The final (non-1xx) answers in what the server sent. An answer to HEAD has Content-Length but no
// body (RFC 9110 §9.3.2); answers come in request order, so the captures say which those are.
QList<int> finalStatuses(const QByteArray &bytes, const Session::CapturedBatch &accepted)
{
    QList<int> statuses;
    qsizetype pos = 0;
    while (bytes.sliced(pos).startsWith("HTTP/1.1 ")) {
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        RawResponse r;
        r.head = bytes.mid(pos, headEnd + 4 - pos);
        r.status = r.head.mid(9, 3).toInt();
        pos = headEnd + 4;
        if (r.status >= 100 && r.status < 200)
            continue;
        const bool headAnswer = statuses.size() < accepted.size() && accepted.at(statuses.size())->request.isHead();
        const qsizetype length = headAnswer ? 0 : r.header("Content-Length").toLongLong();
        if (length > bytes.size() - pos)
            break;
        pos += length;
        statuses.append(r.status);
    }
    return statuses;
}

quint16 localPortOf(int fd)
{
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return 0;
    if (addr.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&addr)->sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in *>(&addr)->sin_port);
}

QString describe(const Message &m)
{
    return printable(m.method) + QLatin1Char(' ') + printable(m.target) + QLatin1Char(' ') + printable(m.version);
}

QString describe(const Http::Request &r)
{
    return printable(r.method()) + QLatin1Char(' ') + printable(r.target()) + QLatin1Char(' ') +
           printable(r.httpVersion());
}

QString describe(const Observation &o)
{
    QStringList accepted;
    for (const auto &record : o.accepted) {
        accepted.append(QString(describe(record->request) + QStringLiteral(" (%1 headers, %2-byte body)")
                                                                .arg(record->request.headerCount())
                                                                .arg(record->request.body().size())));
    }
    QStringList rejected;
    for (const auto &record : o.rejected) {
        rejected.append(
            QStringLiteral("%1 \"%2\" at offset %3")
                .arg(QString::number(record->errorStatus), record->errorReason, QString::number(record->errorOffset)));
    }
    QStringList statuses;
    for (int status : o.statuses)
        statuses.append(QString::number(status));
    return QStringLiteral("accepted [%1]; rejected [%2]; answers [%3]; %4%5")
        .arg(accepted.join(QLatin1String("; ")), rejected.join(QLatin1String("; ")), statuses.join(QLatin1Char(',')),
             o.closed ? QLatin1String("closed") : QLatin1String("NOT closed"),
             o.sendFailed ? QLatin1String("; server stopped reading early") : QLatin1String(""));
}

QString compareFields(const char *what, const Fields &expected, const Http::Request &r, bool trailers)
{
    const qsizetype count = trailers ? r.trailerCount() : r.headerCount();
    for (qsizetype i = 0; i < qMax(expected.size(), count); ++i) {
        const Http::Field got = i < count ? (trailers ? r.trailer(i) : r.header(i)) : Http::Field{};
        if (i >= count || i >= expected.size() || got.name != expected[i].first || got.value != expected[i].second) {
            const QString want =
                i < expected.size()
                    ? QString(printable(expected[i].first) + QLatin1String(": ") + printable(expected[i].second))
                    : QStringLiteral("none");
            const QString have = i < count ? QString(printable(got.name) + QLatin1String(": ") + printable(got.value))
                                           : QStringLiteral("none");
            return QStringLiteral("%1 #%2: expected '%3', got '%4' (%5 expected, %6 captured)")
                .arg(QLatin1String(what))
                .arg(i + 1)
                .arg(want, have)
                .arg(expected.size())
                .arg(count);
        }
    }
    return {};
}

/// Empty when the capture is the expected message; else what differs.
QString compare(const Message &e, const Http::Request &r)
{
    if (r.method() != e.method || r.target() != e.target || r.httpVersion() != e.version)
        return QStringLiteral("request line: expected '%1', got '%2'").arg(describe(e), describe(r));
    if (!e.detailed)
        return {};
    if (QString d = compareFields("header", e.headers, r, false); !d.isEmpty())
        return d;
    if (r.body() != e.body) {
        return QStringLiteral("body: expected %1 bytes '%2', got %3 bytes '%4'")
            .arg(e.body.size())
            .arg(printable(e.body))
            .arg(r.body().size())
            .arg(printable(r.body()));
    }
    if (QString d = compareFields("trailer", e.trailers, r, true); !d.isEmpty())
        return d;
    // Listener policy: HTTP/1.1 without Host is captured with a warning the user sees.
    const bool hostMissing = e.version == "HTTP/1.1" && std::none_of(e.headers.begin(), e.headers.end(), [](auto &h) {
                                 return h.first.compare("Host", Qt::CaseInsensitive) == 0;
                             });
    if (hostMissing != r.warnings().contains(QLatin1String("missing-host"))) {
        return QStringLiteral("warnings: expected %1 missing-host, got [%2]")
            .arg(hostMissing ? QLatin1String("a") : QLatin1String("no"), r.warnings().join(QLatin1Char(',')));
    }
    return {};
}

} // namespace

class TstConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void corpus_data();
    void corpus();

private:
    struct Tally
    {
        QSet<QString> cases;
        QSet<QString> failedCases;
        int rowsPassed = 0;
        int rowsFailed = 0;
        QSet<QString> skippedCases;
        std::map<QString, int> refusals; ///< reject rows: how the failing message was refused
    };

    bool loadCorpus(const QString &path, QString &error);
    void resolveTwins();
    bool exchange(const QByteArray &bytes, SendMode mode, quint32 seed, Observation &o, QString &error);
    bool settle(QString &error);
    QList<Message> expectedAccepted(const Case &c, bool completed) const;
    QString judge(const Case &c, bool completed, const Observation &o) const;
    QString knownOrInvented(const Case &c, const Http::Request &r) const;
    QString compareList(const Case &c, const QList<Message> &expected, const Observation &o, bool prefixOk) const;
    static QString checkAnswers(const Observation &o, qsizetype normal, bool nothingAfter);

    QList<Case> m_cases;
    QHash<QString, qsizetype> m_byId;
    QHash<QString, QList<Message>> m_twinRequests; ///< either cases without requests: their twin's
    QHash<QString, QList<Message>> m_strictBefore; ///< lenient reject cases: the strict twin's
    std::unique_ptr<Capture::CaptureEngine> m_engine;
#ifdef HOOKSCOPE_CONFORMANCE_TLS
    QTemporaryDir m_tlsDir;
    TlsTesting::TestIdentity m_tls; ///< every case goes to the https port, through TLS
#endif
    Session::CapturedBatch m_records;
    int m_barrier = 0;
    quint32 m_seed = kDefaultSeed;
    bool m_verbose = false; ///< HOOKSCOPE_CONFORMANCE_VERBOSE: print what every row observed
    std::map<QString, Tally> m_tally;
};

bool TstConformance::loadCorpus(const QString &path, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isArray()) {
        error = parseError.errorString();
        return false;
    }
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Case c;
        c.id = o.value(QLatin1String("id")).toString();
        c.expectation = o.value(QLatin1String("rfc_expectation")).toString();
        c.note = o.value(QLatin1String("note")).toString();
        c.raw = fromBase64(o.value(QLatin1String("raw_b64")));
        c.requests = messagesOf(o.value(QLatin1String("requests")));
        c.before = messagesOf(o.value(QLatin1String("requests_before_error")));
        c.lenient = !o.value(QLatin1String("lenient_flags")).toArray().isEmpty();
        c.incompleteTail = o.value(QLatin1String("incomplete_tail")).toBool();
        for (const QJsonValue &twin : o.value(QLatin1String("same_raw_as")).toArray())
            c.twins.append(twin.toString());
        const QJsonObject partial = o.value(QLatin1String("partial_request")).toObject();
        if (partial.contains(QLatin1String("completion_hint_b64"))) {
            c.completion = fromBase64(partial.value(QLatin1String("completion_hint_b64")));
            c.completedPartial = completedPartialOf(partial, c.completion);
        }
        c.firstRequestLine = firstRequestLineOf(c.raw);
        if (c.id.isEmpty() || c.raw.isEmpty() || m_byId.contains(c.id)) {
            error = QStringLiteral("malformed or duplicate case '%1'").arg(c.id);
            return false;
        }
        m_byId.insert(c.id, m_cases.size());
        m_cases.append(std::move(c));
    }
    return !m_cases.isEmpty();
}

void TstConformance::resolveTwins()
{
    for (const Case &c : std::as_const(m_cases)) {
        for (const QString &twinId : c.twins) {
            const Case &twin = m_cases.at(m_byId.value(twinId));
            // An "either" case that only records llhttp's error: if the listener accepts, the twin
            // that parses the same bytes leniently says what the message is.
            if (c.expectation == QLatin1String("either") && c.requests.isEmpty() && !twin.requests.isEmpty())
                m_twinRequests.insert(c.id, twin.requests);
            // requests_before_error of a lenient case follow llhttp's lenient reading (e.g. a bare CR
            // taken as a line end). The RFC reading of the same bytes is the strict twin's.
            if (c.expectation == QLatin1String("reject") && c.lenient && !twin.lenient)
                m_strictBefore.insert(c.id, twin.before);
        }
    }
}

void TstConformance::initTestCase()
{
    const QString shared = qEnvironmentVariableIsEmpty("HOOKSCOPE_SHARED_DIR")
                               ? QString::fromUtf8(HOOKSCOPE_SHARED_DIR)
                               : qEnvironmentVariable("HOOKSCOPE_SHARED_DIR");
    const QString path = shared + QLatin1String("/conformance/llhttp_requests.json");
    if (!QFile::exists(path)) {
        QSKIP(qPrintable(QStringLiteral("conformance corpus not found at %1 (set HOOKSCOPE_SHARED_DIR to the folder "
                                        "holding conformance/llhttp_requests.json)")
                             .arg(path)));
    }
    QString error;
    QVERIFY2(loadCorpus(path, error), qPrintable(QStringLiteral("cannot read %1: %2").arg(path, error)));
    resolveTwins();
    m_verbose = qEnvironmentVariableIntValue("HOOKSCOPE_CONFORMANCE_VERBOSE") != 0;
    if (!qEnvironmentVariableIsEmpty("HOOKSCOPE_CONFORMANCE_SEED"))
        m_seed = qEnvironmentVariable("HOOKSCOPE_CONFORMANCE_SEED").toUInt(nullptr, 0);

    m_engine = std::make_unique<Capture::CaptureEngine>();
    connect(m_engine.get(), &Capture::CaptureEngine::captured, this,
            [this](const Session::CapturedBatch &batch) { m_records += batch; });
    QSignalSpy started(m_engine.get(), &Capture::CaptureEngine::started);
    QSignalSpy failed(m_engine.get(), &Capture::CaptureEngine::failed);
    Capture::ListenConfig config;
    config.address = QHostAddress(QHostAddress::LocalHost);
    config.port = 0;
#ifdef HOOKSCOPE_CONFORMANCE_TLS
    m_tls = TlsTesting::makeIdentity(m_tlsDir.path());
    QVERIFY2(m_tls.context, qPrintable(m_tls.error));
    config.https = Capture::HttpsConfig{true, 0, 1, false, m_tls.context, false};
    QSignalSpy httpsStarted(m_engine.get(), &Capture::CaptureEngine::httpsStarted);
#endif
    m_engine->start(config);
    QTRY_VERIFY(started.count() + failed.count() > 0);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY(m_engine->port() != 0);
#ifdef HOOKSCOPE_CONFORMANCE_TLS
    QTRY_VERIFY(httpsStarted.count() > 0);
    QVERIFY(m_engine->httpsPort() != 0);
#endif
}

void TstConformance::cleanupTestCase()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    if (m_tally.empty())
        return;
    qInfo("conformance summary (seed 0x%08x):", m_seed);
    for (const auto &[expectation, t] : m_tally) {
        QString line = QStringLiteral("  %1: %2 cases, %3 passed, %4 failed; rows %5 passed, %6 failed")
                           .arg(expectation, -20)
                           .arg(t.cases.size())
                           .arg(t.cases.size() - t.failedCases.size() - t.skippedCases.size())
                           .arg(t.failedCases.size())
                           .arg(t.rowsPassed)
                           .arg(t.rowsFailed);
        if (!t.skippedCases.isEmpty())
            line += QStringLiteral(", %1 skipped").arg(t.skippedCases.size());
        if (!t.refusals.empty()) {
            QStringList how;
            for (const auto &[refusal, count] : t.refusals)
                how.append(QStringLiteral("%1 x%2").arg(refusal).arg(count));
            line += QLatin1String("; refused by: ") + how.join(QLatin1String(", "));
        }
        qInfo().noquote() << line;
        QStringList failed = t.failedCases.values();
        failed.sort();
        for (const QString &id : std::as_const(failed))
            qInfo().noquote() << QLatin1String("      FAILED") << id;
    }
}

void TstConformance::corpus_data()
{
    QTest::addColumn<qsizetype>("index");
    QTest::addColumn<int>("modeValue");
    QTest::addColumn<bool>("completed");
    for (qsizetype i = 0; i < m_cases.size(); ++i) {
        const Case &c = m_cases.at(i);
        if (c.expectation == QLatin1String("n/a")) {
            QTest::addRow("%s|whole", qPrintable(c.id)) << i << static_cast<int>(SendMode::Whole) << false;
            continue;
        }
        // The synthesized completion makes an accept case whose bytes stop mid-message testable, and
        // checks that a reject or close case stays so once the last message is complete. For
        // "either" cases it would only complete llhttp's own lenient reading, so it is not used.
        const bool completable = !c.completion.isEmpty() && c.expectation != QLatin1String("either");
        for (bool completed : {false, true}) {
            if (completed && !completable)
                continue;
            for (SendMode mode : {SendMode::Whole, SendMode::Bytes, SendMode::Random}) {
                QTest::addRow("%s%s|%s", qPrintable(c.id), completed ? "+completion" : "", modeName(mode))
                    << i << static_cast<int>(mode) << completed;
            }
        }
    }
}

bool TstConformance::settle(QString &error)
{
    // Records of one connection are made before the server closes it, and all records come through
    // the one capture thread in order. So once a later connection's record has arrived, every record
    // of the connection under test has too: no quiet-period guessing.
    const QByteArray target = "/.conformance-barrier/" + QByteArray::number(++m_barrier);
    RawClient client;
    if (!client.connectTo(QHostAddress(QHostAddress::LocalHost), m_engine->port())) {
        error = QStringLiteral("cannot connect for the barrier request");
        return false;
    }
    client.send(QByteArray("GET " + target + " HTTP/1.1\r\nHost: barrier\r\nConnection: close\r\n\r\n"));
    client.shutdownWrite();
    client.readUntilClosed(kCloseTimeoutMs);
    const bool arrived = QTest::qWaitFor(
        [&] {
            return std::any_of(m_records.cbegin(), m_records.cend(),
                               [&](const auto &r) { return !r->rejected && r->request.target() == target; });
        },
        5000);
    if (!arrived)
        error = QStringLiteral("the barrier request was never captured");
    return arrived;
}

bool TstConformance::exchange(const QByteArray &bytes, SendMode mode, quint32 seed, Observation &o, QString &error)
{
    m_records.clear();
    RawClient client;
#ifdef HOOKSCOPE_CONFORMANCE_TLS
    if (!client.connectTo(QHostAddress(QHostAddress::LocalHost), m_engine->httpsPort()) ||
        !client.startTls(m_tls.certificatePem, "localhost", &error)) {
        error = QStringLiteral("cannot connect to the https listener: ") + error;
        return false;
    }
#else
    if (!client.connectTo(QHostAddress(QHostAddress::LocalHost), m_engine->port())) {
        error = QStringLiteral("cannot connect to the listener");
        return false;
    }
#endif
    const quint16 localPort = localPortOf(client.fd());
    bool sent = true;
    switch (mode) {
    case SendMode::Whole:
        sent = client.send(bytes);
        break;
    case SendMode::Bytes:
        sent = client.sendPieces(bytes, QList<qsizetype>(bytes.size(), 1));
        break;
    case SendMode::Random:
        sent = client.sendPieces(bytes, randomPieces(bytes.size(), seed));
        break;
    }
    client.shutdownWrite();
    const QByteArray received = client.readUntilClosed(kCloseTimeoutMs);
    o.closed = client.peerClosed();
    o.sendFailed = !sent;
    client.close();
    if (!settle(error))
        return false;
    for (const auto &record : std::as_const(m_records)) {
        if (record->remotePort != localPort)
            continue;
#ifdef HOOKSCOPE_CONFORMANCE_TLS
        if (!record->tls || record->tlsInfo.version.isEmpty()) {
            error = QStringLiteral("a record of the TLS connection does not say it came over TLS");
            return false;
        }
#endif
        (record->rejected ? o.rejected : o.accepted).append(record);
    }
    o.statuses = finalStatuses(received, o.accepted);
    return true;
}

QList<Message> TstConformance::expectedAccepted(const Case &c, bool completed) const
{
    const QString &e = c.expectation;
    if (e == QLatin1String("accept")) {
        QList<Message> out = c.requests;
        if (completed && c.completedPartial)
            out.append(*c.completedPartial);
        return out;
    }
    if (e == QLatin1String("reject"))
        return m_strictBefore.value(c.id, c.before);
    if (e == QLatin1String("close_after_previous"))
        return c.before.isEmpty() ? c.requests : c.before; // lenient variants list it under requests
    if (e == QLatin1String("special"))                     // the HTTP/2 preface case lists no request
        return c.requests.isEmpty() ? QList<Message>{c.firstRequestLine} : c.requests;
    if (e == QLatin1String("either")) {
        if (!c.requests.isEmpty())
            return c.requests;
        return m_twinRequests.value(c.id, {c.firstRequestLine});
    }
    return {}; // incomplete
}

QString TstConformance::knownOrInvented(const Case &c, const Http::Request &r) const
{
    QList<Message> known = c.requests + c.before + QList<Message>{c.firstRequestLine} + m_twinRequests.value(c.id);
    if (c.completedPartial)
        known.append(*c.completedPartial);
    const bool inBytes = std::any_of(known.cbegin(), known.cend(), [&](const Message &m) {
        return r.method() == m.method && r.target() == m.target;
    });
    return inBytes ? QStringLiteral("accepted a message that should not be") : QStringLiteral("INVENTED a request");
}

QString TstConformance::compareList(const Case &c, const QList<Message> &expected, const Observation &o,
                                    bool prefixOk) const
{
    for (qsizetype i = 0; i < o.accepted.size(); ++i) {
        const Http::Request &r = o.accepted.at(i)->request;
        if (i >= expected.size()) {
            return QStringLiteral("%1: capture #%2 '%3' (expected %4 accepted capture(s))")
                .arg(knownOrInvented(c, r))
                .arg(i + 1)
                .arg(describe(r))
                .arg(expected.size());
        }
        if (QString d = compare(expected.at(i), r); !d.isEmpty())
            return QStringLiteral("capture #%1 '%2': %3").arg(i + 1).arg(describe(r), d);
    }
    if (!prefixOk && o.accepted.size() < expected.size()) {
        return QStringLiteral("expected message #%1 '%2' was not captured")
            .arg(o.accepted.size() + 1)
            .arg(describe(expected.at(o.accepted.size())));
    }
    return {};
}

// Every capture is answered with the normal (2xx) response in order; anything answered after them is
// an error status. nothingAfter: the connection ends with them (no answer, no record after).
QString TstConformance::checkAnswers(const Observation &o, qsizetype normal, bool nothingAfter)
{
    for (qsizetype i = 0; i < o.statuses.size(); ++i) {
        const int status = o.statuses.at(i);
        if (i < normal && (status < 200 || status > 299))
            return QStringLiteral("answer #%1 is %2, expected the normal 2xx answer").arg(i + 1).arg(status);
        if (i >= normal && status < 400)
            return QStringLiteral("answer #%1 is %2 but only %3 request(s) were accepted")
                .arg(i + 1)
                .arg(status)
                .arg(normal);
    }
    if (o.statuses.size() < normal)
        return QStringLiteral("only %1 answer(s) for %2 captured request(s)").arg(o.statuses.size()).arg(normal);
    if (nothingAfter && o.statuses.size() > normal)
        return QStringLiteral("answered %1 time(s) after the last message; the rest must be ignored")
            .arg(o.statuses.size() - normal);
    if (nothingAfter && !o.rejected.isEmpty())
        return QStringLiteral("the bytes after the last message were parsed (rejected record: \"%1\")")
            .arg(o.rejected.constFirst()->errorReason);
    return {};
}

QString TstConformance::judge(const Case &c, bool completed, const Observation &o) const
{
    if (!o.closed) {
        return QStringLiteral("the server did not close the connection within %1 ms of the client's half-close")
            .arg(kCloseTimeoutMs);
    }
    const QString &e = c.expectation;
    const QList<Message> expected = expectedAccepted(c, completed);
    QString failure;
    if (e == QLatin1String("accept")) {
        failure = compareList(c, expected, o, false);
        // Only the message the bytes stop inside may be refused (at the half-close).
        if (failure.isEmpty() && !o.rejected.isEmpty() && (!c.incompleteTail || completed))
            failure = QStringLiteral("rejected: \"%1\"").arg(o.rejected.constFirst()->errorReason);
        if (failure.isEmpty())
            failure = checkAnswers(o, expected.size(), false);
    } else if (e == QLatin1String("reject")) {
        failure = compareList(c, expected, o, false);
        if (failure.isEmpty())
            failure = checkAnswers(o, expected.size(), false);
    } else if (e == QLatin1String("either")) {
        failure = compareList(c, expected, o, true);
        if (failure.isEmpty())
            failure = checkAnswers(o, o.accepted.size(), false);
    } else if (e == QLatin1String("close_after_previous")) {
        failure = compareList(c, expected, o, false);
        if (failure.isEmpty())
            failure = checkAnswers(o, expected.size(), true);
    } else if (e == QLatin1String("special")) {
        // Documented policy: CONNECT, Upgrade and the HTTP/2 preface are captured, answered and the
        // connection closed unread; but obs-fold is refused whatever the request is.
        const bool policyRejects =
            std::any_of(expected.cbegin(), expected.cend(), [](const Message &m) { return m.obsFold; });
        failure = compareList(c, policyRejects ? QList<Message>{} : expected, o, false);
        if (failure.isEmpty())
            failure = checkAnswers(o, policyRejects ? 0 : expected.size(), !policyRejects);
    } else if (e == QLatin1String("incomplete")) {
        failure = compareList(c, {}, o, false);
        if (failure.isEmpty())
            failure = checkAnswers(o, 0, false);
    } else {
        failure = QStringLiteral("unknown rfc_expectation '%1'").arg(e);
    }
    return failure;
}

void TstConformance::corpus()
{
    QFETCH(qsizetype, index);
    QFETCH(int, modeValue);
    const auto mode = static_cast<SendMode>(modeValue);
    QFETCH(bool, completed);
    const Case &c = m_cases.at(index);
    Tally &tally = m_tally[c.expectation];
    tally.cases.insert(c.id);
    if (c.expectation == QLatin1String("n/a")) {
        tally.skippedCases.insert(c.id);
        QSKIP("an llhttp API case (skipBody): no expectation on the wire");
    }

    const quint32 seed = caseSeed(c.id, m_seed);
    Observation o;
    QString failure;
    if (exchange(completed ? QByteArray(c.raw + c.completion) : c.raw, mode, seed, o, failure))
        failure = judge(c, completed, o);
    if (m_verbose)
        qInfo().noquote() << c.expectation << QLatin1String("|") << describe(o);

    if (c.expectation == QLatin1String("reject") && failure.isEmpty()) {
        const qsizetype before = expectedAccepted(c, completed).size();
        ++tally.refusals[o.statuses.size() > before ? QString::number(o.statuses.at(before))
                                                    : QStringLiteral("close without an answer")];
    }
    if (failure.isEmpty()) {
        ++tally.rowsPassed;
    } else {
        ++tally.rowsFailed;
        tally.failedCases.insert(c.id);
    }
    QVERIFY2(
        failure.isEmpty(),
        qPrintable(QStringLiteral("%1 [%2, sent %3%4, seed 0x%5]\n   problem:  %6\n   observed: %7%8")
                       .arg(c.id, c.expectation, QLatin1String(modeName(mode)),
                            completed ? QLatin1String(" with completion") : QLatin1String(""))
                       .arg(seed, 8, 16, QLatin1Char('0'))
                       .arg(failure, describe(o),
                            c.note.isEmpty() ? QString() : QString(QLatin1String("\n   corpus note: ") + c.note))));
}

QTEST_GUILESS_MAIN(TstConformance)
#include "tst_conformance.moc"
