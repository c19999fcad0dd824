// Large and rejected requests through the real capture engine and its session file: what is shown
// and printed live is what the file keeps, bounded as documented, and large bodies are stored
// byte for byte.

#include "filesizelimit.h"
#include "rawclient.h"

#include "capture/captureengine.h"
#include "http/requestreader.h"
#include "session/ndjson.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Session::CapturedRequestPtr;

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char((i * 131 + seed) % 251);
    return out;
}

QByteArray chunked(const QByteArray &body, qsizetype piece)
{
    QByteArray out;
    for (qsizetype done = 0; done < body.size(); done += piece) {
        const qsizetype n = qMin(piece, body.size() - done);
        out += QByteArray::number(n, 16) + "\r\n" + body.mid(done, n) + "\r\n";
    }
    return out;
}

} // namespace

class TstBounds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rejectedRecordIsWhatTheFileKeeps();
    void largeBodiesStoredExactly();
    void wireBytesUpToALimit();
    void fileSizeLimitThenRoomAgain();

private:
    bool startEngine(const Http::Limits &limits);
    CapturedRequestPtr send(const QByteArray &bytes, QByteArray *answer = nullptr);

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<Capture::CaptureEngine> m_engine;
    QList<CapturedRequestPtr> m_records;
};

void TstBounds::init()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("bounds.hookscope"));
    m_records.clear();
}

void TstBounds::cleanup()
{
    m_engine.reset();
}

bool TstBounds::startEngine(const Http::Limits &limits)
{
    m_engine = std::make_unique<Capture::CaptureEngine>();
    connect(m_engine.get(), &Capture::CaptureEngine::captured, this,
            [this](const Session::CapturedBatch &batch) { m_records += batch; });
    QSignalSpy started(m_engine.get(), &Capture::CaptureEngine::started);
    Capture::ListenConfig config;
    config.sessionPath = m_file;
    config.limits = limits;
    m_engine->start(config);
    return started.wait(5000);
}

CapturedRequestPtr TstBounds::send(const QByteArray &bytes, QByteArray *answer)
{
    const qsizetype before = m_records.size();
    RawClient client;
    if (!client.connectTo(m_engine->address(), m_engine->port()) || !client.send(bytes))
        return nullptr;
    const QByteArray reply = client.readUntilClosed(10000);
    if (answer)
        *answer = reply;
    if (!QTest::qWaitFor([&] { return m_records.size() > before; }, 10000))
        return nullptr;
    return m_records.last();
}

// A chunked upload past the body limit is answered 413 after the limit's worth was read. The
// record shown and printed live said all of it (`listen --json` printed 140 MB of base64 for a
// 100 MiB one) while the file keeps the bytes up to the head limit: they must agree.
void TstBounds::rejectedRecordIsWhatTheFileKeeps()
{
    Http::Limits limits;
    limits.maxBodyBytes = 256 * 1024;
    limits.maxHeadBytes = 8 * 1024;
    QVERIFY(startEngine(limits));
    const QByteArray head =
        "POST /too-big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    QByteArray answer;
    const CapturedRequestPtr live = send(head + chunked(pattern(1024 * 1024, 1), 64 * 1024) + "0\r\n\r\n", &answer);
    QVERIFY(live);
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(40).constData());
    QVERIFY(live->rejected);
    QVERIFY2(live->raw.size() <= limits.maxHeadBytes, qPrintable(QString::number(live->raw.size())));
    QVERIFY2(live->request.body().size() <= limits.maxHeadBytes,
             qPrintable(QString::number(live->request.body().size())));
    const QByteArray liveLine = Session::toNdjsonLine(*live);
    QVERIFY2(liveLine.size() < 4 * limits.maxHeadBytes, qPrintable(QString::number(liveLine.size())));

    m_engine->stop();
    Session::SessionReader reader;
    QCOMPARE(reader.open(m_file).problem, Session::FileProblem::None);
    const CapturedRequestPtr stored = reader.load(live->id);
    QVERIFY(stored);
    QCOMPARE(Session::toNdjsonLine(*stored), liveLine);
}

// Bodies from a MiB on are written into the file in pieces: they must come back exactly, with
// Content-Length and chunked (framing and trailers included).
void TstBounds::largeBodiesStoredExactly()
{
    QVERIFY(startEngine({}));
    const QByteArray plainBody = pattern(3 * 1024 * 1024 + 17, 2);
    const QByteArray plain =
        "POST /plain HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(plainBody.size()) +
        "\r\nConnection: close\r\n\r\n" + plainBody;
    const QByteArray chunkedBody = pattern(5 * 1024 * 1024 + 3, 3);
    const QByteArray chunkedRequest =
        "POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
        chunked(chunkedBody, 100'000) + "0\r\nX-Trailer: yes\r\n\r\n";
    const CapturedRequestPtr first = send(plain);
    const CapturedRequestPtr second = send(chunkedRequest);
    QVERIFY(first && second);
    m_engine->stop();

    Session::SessionReader reader;
    QCOMPARE(reader.open(m_file).problem, Session::FileProblem::None);
    const CapturedRequestPtr plainStored = reader.load(first->id);
    const CapturedRequestPtr chunkedStored = reader.load(second->id);
    QVERIFY(plainStored && chunkedStored);
    QVERIFY(plainStored->request.body() == plainBody);
    QVERIFY(plainStored->request.wireBytes() == plain);
    QVERIFY(chunkedStored->request.body() == chunkedBody);
    QVERIFY(chunkedStored->request.wireBytes() == chunkedRequest);
    QCOMPARE(chunkedStored->request.trailerCount(), 1);
}

// A rejected request keeps the bytes received up to the head limit, rebuilt without first
// rebuilding the whole message (a 413 may have read 100 MiB).
void TstBounds::wireBytesUpToALimit()
{
    const QByteArray plain = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789";
    const QByteArray chunkedMessage = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                      "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nT: 1\r\n\r\n";
    const QByteArray partialChunk = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWi";
    for (const QByteArray &message : {plain, chunkedMessage, partialChunk}) {
        Http::RequestReader reader;
        reader.feed(message);
        const Http::Request request = message == partialChunk ? reader.takePartial() : reader.takeRequest();
        QCOMPARE(request.wireBytes(), message);
        for (qsizetype limit = 0; limit <= message.size() + 1; ++limit)
            QCOMPARE(request.wireBytes(limit), message.left(limit));
    }
}

// The disk-full reproduction without root: a file-size limit on this process makes every
// write past it fail (EFBIG) as a full disk would, for the log and for SQLite alike.
void TstBounds::fileSizeLimitThenRoomAgain()
{
    QVERIFY(startEngine({}));
    QStringList problems;
    connect(m_engine.get(), &Capture::CaptureEngine::saveProblemChanged, this,
            [&problems](const QString &error) { problems.append(error); });
    FileSizeLimit full(512 * 1024);
    QVERIFY(full.isActive());
    QList<qint64> answered;
    int refused = 0;
    for (int i = 0; i < 60 && refused < 3; ++i) {
        const QByteArray body = "{\"n\":" + QByteArray::number(i) + ",\"pad\":\"" + QByteArray(40'000, 'x') + "\"}";
        QByteArray answer;
        const CapturedRequestPtr r = send("POST /n HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: " +
                                              QByteArray::number(body.size()) + "\r\n\r\n" + body,
                                          &answer);
        QVERIFY(r);
        if (answer.startsWith("HTTP/1.1 2"))
            answered.append(r->id);
        else if (answer.startsWith("HTTP/1.1 503"))
            ++refused;
    }
    QVERIFY2(refused > 0, "the file-size limit never filled the disk");
    QTRY_VERIFY(!problems.isEmpty() && !problems.constLast().isEmpty());
    full.restore(); // room again
    QByteArray answer;
    const CapturedRequestPtr after =
        send("POST /after HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}", &answer);
    QVERIFY(after);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(60).constData());
    answered.append(after->id);
    QTRY_VERIFY_WITH_TIMEOUT(problems.constLast().isEmpty(), 10000);
    m_engine->stop();

    Session::SessionReader reader;
    QCOMPARE(reader.open(m_file).problem, Session::FileProblem::None);
    for (qint64 id : std::as_const(answered))
        QVERIFY2(reader.load(id), qPrintable(QStringLiteral("answered request %1 is not in the file").arg(id)));
}

QTEST_GUILESS_MAIN(TstBounds)
#include "tst_bounds.moc"
