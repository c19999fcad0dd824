// Signature verification in the running capture engine: every captured request carries its
// verdict, an answer rule can answer by it over real sockets, and changing the secrets re-verifies
// what the session already holds.

#include "rawclient.h"

#include "capture/captureengine.h"
#include "session/sessionreader.h"

#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Signing::Verdict;

namespace {

const QByteArray kSecret = "It's a Secret to Everybody";

/// A request signed the way GitHub signs it, through the signing code's own sign().
QByteArray githubRequest(const QByteArray &body, const QByteArray &secret, const QByteArray &sentBody = {})
{
    const Signing::Signed s = Signing::sign(u"github", secret, body);
    QByteArray headers;
    for (const auto &[name, value] : s.headers)
        headers += name + ": " + value + "\r\n";
    const QByteArray wire = sentBody.isNull() ? body : sentBody;
    return "POST /hooks/github HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n" + headers +
           "Content-Length: " + QByteArray::number(wire.size()) + "\r\n\r\n" + wire;
}

int statusOf(quint16 port, const QByteArray &request)
{
    RawClient c;
    if (!c.connectTo(QHostAddress::LocalHost, port))
        return -1;
    c.send(request);
    const QList<RawResponse> r = parseResponses(c.readResponses(1));
    return r.isEmpty() ? -1 : r.first().status;
}

Signing::Config githubSecret(const QByteArray &secret)
{
    Signing::Config config;
    config.secrets.append({QStringLiteral("github"), secret, {}, QStringLiteral("org hook")});
    return config;
}

/// Every record the engine reported, in order, until there are `count`.
QList<Session::CapturedRequestPtr> waitCaptured(QSignalSpy &spy, int count)
{
    QList<Session::CapturedRequestPtr> out;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        out.clear();
        for (const QList<QVariant> &args : std::as_const(spy))
            out += args.at(0).value<Session::CapturedBatch>();
        if (out.size() >= count)
            break;
        spy.wait(100);
    }
    return out;
}

} // namespace

class TstSignatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verdictsAndARuleThatAnswersByThem();
    void newSecretsReverifyTheSession();
    void zoomChallengeIsAnswered();

private:
    QTemporaryDir m_dir;
};

void TstSignatures::initTestCase()
{
    QVERIFY(Signing::sign(u"github", kSecret, "{}").error.isEmpty());
}

void TstSignatures::verdictsAndARuleThatAnswersByThem()
{
    Capture::CaptureEngine engine;
    Capture::ListenConfig config;
    config.signatures = githubSecret(kSecret);
    Capture::ResponseRule reject;
    reject.signature = QStringLiteral("invalid");
    Capture::AnswerSpec unauthorized;
    unauthorized.status = 401;
    reject.answers = {unauthorized};
    config.rules = {reject};
    QSignalSpy started(&engine, &Capture::CaptureEngine::started);
    QSignalSpy captured(&engine, &Capture::CaptureEngine::captured);
    engine.start(config);
    QVERIFY(started.wait(5000));
    const quint16 port = engine.port();

    const QByteArray body = R"({"action":"opened","number":1})";
    QCOMPARE(statusOf(port, githubRequest(body, kSecret)), 200);
    // One byte changed on the way: the sender is told, and may retry.
    QCOMPARE(statusOf(port, githubRequest(body, kSecret, R"({"action":"opened","number":2})")), 401);
    QCOMPARE(statusOf(port, "GET /health HTTP/1.1\r\nHost: h\r\n\r\n"), 200);
    QCOMPARE(statusOf(port, githubRequest(body, "an old secret")), 401);

    const QList<Session::CapturedRequestPtr> records = waitCaptured(captured, 4);
    QCOMPARE(records.size(), 4);
    QCOMPARE(records.at(0)->signature.scheme, QStringLiteral("github"));
    QCOMPARE(records.at(0)->signature.verdict, Verdict::Valid);
    QCOMPARE(records.at(0)->signature.secretLabel, QStringLiteral("org hook"));
    QCOMPARE(records.at(1)->signature.verdict, Verdict::Mismatch);
    QCOMPARE(records.at(1)->responseStatus, 401);
    QCOMPARE(records.at(2)->signature.verdict, Verdict::Unsigned);
    QCOMPARE(records.at(3)->signature.verdict, Verdict::Mismatch);

    // Without the secret the same delivery is signed but uncheckable, and no rule rejects it.
    QSignalSpy updated(&engine, &Capture::CaptureEngine::signaturesUpdated);
    engine.setSignatures({});
    QCOMPARE(statusOf(port, githubRequest(body, kSecret, R"({"action":"opened","number":2})")), 200);
    const QList<Session::CapturedRequestPtr> more = waitCaptured(captured, 5);
    QCOMPARE(more.size(), 5);
    QCOMPARE(more.at(4)->signature.verdict, Verdict::NoSecret);
    QCOMPARE(updated.size(), 0); // no session: nothing stored to re-verify
}

void TstSignatures::newSecretsReverifyTheSession()
{
    const QString file = m_dir.filePath(QStringLiteral("reverify.hookscope"));
    const QByteArray body = R"({"ref":"refs/heads/main"})";
    {
        Capture::CaptureEngine engine;
        Capture::ListenConfig config;
        config.sessionPath = file;
        QSignalSpy started(&engine, &Capture::CaptureEngine::started);
        QSignalSpy captured(&engine, &Capture::CaptureEngine::captured);
        engine.start(config);
        QVERIFY(started.wait(5000));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(statusOf(engine.port(), githubRequest(body, i < 4 ? kSecret : QByteArray("other"))), 200);
        QCOMPARE(waitCaptured(captured, 5).size(), 5);
        QCOMPARE(waitCaptured(captured, 5).last()->signature.verdict, Verdict::NoSecret);

        // The secret arrives later (the user pastes it into Settings): what was captured is checked.
        QSignalSpy updated(&engine, &Capture::CaptureEngine::signaturesUpdated);
        engine.setSignatures(githubSecret(kSecret));
        Session::SignatureUpdates updates;
        QElapsedTimer t;
        t.start();
        while (updates.size() < 5 && t.elapsed() < 10000) {
            updated.wait(100);
            updates.clear();
            for (const QList<QVariant> &args : std::as_const(updated))
                updates += args.at(0).value<Session::SignatureUpdates>();
        }
        QCOMPARE(updates.size(), 5);
        for (const Session::SignatureUpdate &u : std::as_const(updates))
            QCOMPARE(u.result.verdict, u.id <= 4 ? Verdict::Valid : Verdict::Mismatch);
        engine.stop();
    }
    // The new results are in the file.
    Session::SessionReader reader;
    QCOMPARE(reader.open(file).problem, Session::FileProblem::None);
    for (qint64 id = 1; id <= 5; ++id)
        QCOMPARE(reader.load(id)->signature.verdict, id <= 4 ? Verdict::Valid : Verdict::Mismatch);
    QVERIFY(!reader.verifiedWith().isEmpty());
}

void TstSignatures::zoomChallengeIsAnswered()
{
    const QByteArray secret = "tr8wz2lV1ra6jRmHkIE2vQ";
    const QByteArray body =
        R"({"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"})";
    const auto request = [&body](const QByteArray &signingSecret) -> QByteArray {
        QByteArray headers;
        for (const auto &[name, value] : Signing::sign(u"zoom", signingSecret, body).headers)
            headers += name + ": " + value + "\r\n";
        return "POST /zoom HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n" + headers +
               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    };
    const auto exchange = [](quint16 port, const QByteArray &bytes) {
        RawClient c;
        if (!c.connectTo(QHostAddress::LocalHost, port))
            return RawResponse{};
        c.send(bytes);
        const QList<RawResponse> r = parseResponses(c.readResponses(1));
        return r.isEmpty() ? RawResponse{} : r.first();
    };
    Capture::CaptureEngine engine;
    Capture::ListenConfig config;
    config.signatures.secrets.append({QStringLiteral("zoom"), secret, {}, {}});
    QSignalSpy started(&engine, &Capture::CaptureEngine::started);
    engine.start(config);
    QVERIFY(started.wait(5000));
    // The token signed with the secret, computed here independently.
    const QByteArray encrypted =
        QMessageAuthenticationCode::hash("qgg8vlvZRS6UYooatFL8Aw", secret, QCryptographicHash::Sha256).toHex();
    const RawResponse answered = exchange(engine.port(), request(secret));
    QCOMPARE(answered.status, 200);
    QCOMPARE(answered.body, R"({"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":")" + encrypted + "\"}");
    // A challenge not signed with the secret gets the ordinary answer: Hookscope never vouches for it.
    const RawResponse refused = exchange(engine.port(), request("someone else's secret"));
    QCOMPARE(refused.status, 200);
    QCOMPARE(refused.body, QByteArray(R"({"ok":true})"));
}

QTEST_GUILESS_MAIN(TstSignatures)
#include "tst_signatures.moc"
