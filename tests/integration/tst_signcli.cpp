// `hookscope sign` as a user runs it: the real binary, the body on stdin, headers on stdout.

#include "http/requestreader.h"
#include "signing/signing.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run sign(const QStringList &args, const QByteArray &body, const QByteArray &envSecret = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HOOKSCOPE_SECRET"));
    if (!envSecret.isNull())
        env.insert(QStringLiteral("HOOKSCOPE_SECRET"), QString::fromUtf8(envSecret));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(HOOKSCOPE_BINARY), QStringList{QStringLiteral("sign")} + args);
    p.write(body);
    p.closeWriteChannel();
    p.waitForFinished(10000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

/// "Name: value" lines back into headers; false if any line is not one.
bool parseHeaders(const QByteArray &out, Http::HeaderList *headers)
{
    if (!out.endsWith('\n'))
        return false;
    for (const QByteArray &line : out.chopped(1).split('\n')) {
        const qsizetype colon = line.indexOf(": ");
        if (colon <= 0)
            return false;
        headers->append({line.first(colon), line.sliced(colon + 2)});
    }
    return true;
}

Http::Request request(const Http::HeaderList &headers, const QByteArray &body, const QByteArray &target)
{
    QByteArray head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return Http::RequestReader::restore(head, body, {});
}

const QByteArray body = "{\"id\":\"evt_1\",\"amount\":\"12\\u00a0€\"}\n";

} // namespace

class TstSignCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void headersVerify_data();
    void headersVerify();
    void secretSources();
    void givenIdAndTimestamp();
    void formBodyForTwilio();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    QTemporaryDir m_dir;
};

void TstSignCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TstSignCli::headersVerify_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    for (const QString &id : Signing::schemeIds()) {
        const bool base64 = id == QLatin1String("standard-webhooks") || id == QLatin1String("svix");
        QTest::newRow(qPrintable(id)) << id << QByteArray(base64 ? "whsec_c2VjcmV0IGtleSBieXRlcw==" : "sec-ret");
    }
    QTest::newRow("standard-webhooks ed25519")
        << QStringLiteral("standard-webhooks") << QByteArray("whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=");
}

void TstSignCli::headersVerify()
{
    // What `sign` prints, sent as headers, is what the verifier accepts.
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFile secretFile(m_dir.filePath(QStringLiteral("secret")));
    QVERIFY(secretFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    secretFile.write(secret + "\n");
    secretFile.close();
    const QString url = QStringLiteral("https://hooks.example.test/in?src=cli");
    const Run r =
        sign({scheme, QStringLiteral("--secret-file"), secretFile.fileName(), QStringLiteral("--url"), url}, body);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QVERIFY(!r.out.contains(secret));
    Http::HeaderList headers;
    QVERIFY2(parseHeaders(r.out, &headers), r.out.constData());
    Signing::Config config;
    config.publicUrl = QStringLiteral("https://hooks.example.test");
    config.secrets = {{scheme, secret, {}, {}}};
    const Signing::Verifier verifier(config);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const Signing::Result result = verifier.verify(request(headers, body, "/in?src=cli"), now);
    QVERIFY2(result.verdict == Signing::Verdict::Valid, qPrintable(result.detail));
    QCOMPARE(result.scheme, scheme);
    QByteArray changed = body;
    changed[changed.indexOf("12")] = '3';
    const Signing::Verdict tampered = verifier.verify(request(headers, changed, "/in?src=cli"), now).verdict;
    // Twilio signs a JSON body only through a bodySHA256 in the URL, which this one lacks.
    QCOMPARE(tampered, scheme == QLatin1String("twilio") ? Signing::Verdict::Valid : Signing::Verdict::Mismatch);
}

void TstSignCli::secretSources()
{
    const QStringList args{QStringLiteral("github"), QStringLiteral("--timestamp"), QStringLiteral("1")};
    const Run viaOption = sign(args + QStringList{QStringLiteral("--secret"), QStringLiteral("topsecret")}, body);
    const Run viaEnv = sign(args, body, "topsecret");
    QCOMPARE(viaOption.exitCode, 0);
    QCOMPARE(viaEnv.exitCode, 0);
    QCOMPARE(viaEnv.out, viaOption.out);
    QVERIFY(!viaEnv.out.contains("topsecret"));
    // The option wins over the environment.
    const Run both = sign(args + QStringList{QStringLiteral("--secret"), QStringLiteral("topsecret")}, body, "other");
    QCOMPARE(both.out, viaOption.out);
    QCOMPARE(Signing::sign(u"github", "topsecret", body).headers.last().second,
             viaOption.out.split('\n').at(1).mid(int(qstrlen("X-Hub-Signature-256: "))));
}

void TstSignCli::givenIdAndTimestamp()
{
    const Run r =
        sign({QStringLiteral("twitch"), QStringLiteral("--secret"), QStringLiteral("k"), QStringLiteral("--id"),
              QStringLiteral("e76c6bd4"), QStringLiteral("--timestamp"), QStringLiteral("1573899072")},
             body);
    QCOMPARE(r.exitCode, 0);
    Http::HeaderList headers;
    QVERIFY(parseHeaders(r.out, &headers));
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(0), qMakePair(QByteArray("Twitch-Eventsub-Message-Id"), QByteArray("e76c6bd4")));
    QCOMPARE(headers.at(1),
             qMakePair(QByteArray("Twitch-Eventsub-Message-Timestamp"), QByteArray("2019-11-16T10:11:12.000000000Z")));
    // The same inputs sign the same way.
    QCOMPARE(sign({QStringLiteral("twitch"), QStringLiteral("--secret"), QStringLiteral("k"), QStringLiteral("--id"),
                   QStringLiteral("e76c6bd4"), QStringLiteral("--timestamp"), QStringLiteral("1573899072")},
                  body)
                 .out,
             r.out);
}

void TstSignCli::formBodyForTwilio()
{
    // A form body signs its sorted parameters: any order of them verifies.
    const QByteArray form = "To=%2B15550001&From=%2B15550002&Body=hello";
    const Run r = sign({QStringLiteral("twilio"), QStringLiteral("--secret"), QStringLiteral("tok"),
                        QStringLiteral("--url"), QStringLiteral("https://t.example/sms"),
                        QStringLiteral("--content-type"), QStringLiteral("application/x-www-form-urlencoded")},
                       form);
    QCOMPARE(r.exitCode, 0);
    Http::HeaderList headers;
    QVERIFY(parseHeaders(r.out, &headers));
    headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")});
    Signing::Config config;
    config.publicUrl = QStringLiteral("https://t.example");
    config.secrets = {{QStringLiteral("twilio"), "tok", {}, {}}};
    QCOMPARE(Signing::Verifier(config)
                 .verify(request(headers, "Body=hello&From=%2B15550002&To=%2B15550001", "/sms"), 0)
                 .verdict,
             Signing::Verdict::Valid);
}

void TstSignCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("envSecret");
    QTest::addColumn<QByteArray>("mentions");
    // The arguments, separated by single spaces.
    const auto l = [](const char *line) { return QString::fromUtf8(line).split(QLatin1Char(' ')); };
    QTest::newRow("no scheme") << l("--secret hush-hush") << QByteArray() << QByteArray("github");
    QTest::newRow("unknown scheme") << l("gitlab --secret hush-hush") << QByteArray()
                                    << QByteArray("unknown scheme 'gitlab'; known: standard-webhooks, svix, github, "
                                                  "stripe, slack, shopify, twilio, square, paddle, zoom, twitch");
    QTest::newRow("two schemes") << l("github stripe --secret hush-hush") << QByteArray() << QByteArray("stripe");
    QTest::newRow("no secret") << l("github") << QByteArray() << QByteArray("HOOKSCOPE_SECRET");
    QTest::newRow("empty env secret") << l("github") << QByteArray("") << QByteArray("HOOKSCOPE_SECRET");
    QTest::newRow("secret twice") << l("github --secret hush-hush --secret-file /etc/hostname") << QByteArray()
                                  << QByteArray("--secret-file");
    QTest::newRow("missing secret file") << l("github --secret-file /nonexistent/secret") << QByteArray()
                                         << QByteArray("/nonexistent/secret");
    QTest::newRow("twilio without url") << l("twilio --secret hush-hush") << QByteArray() << QByteArray("--url");
    QTest::newRow("bad timestamp") << l("stripe --secret hush-hush --timestamp yesterday") << QByteArray()
                                   << QByteArray("--timestamp");
    QTest::newRow("unusable secret") << l("svix --secret whsec_hush-hush!") << QByteArray() << QByteArray("base64");
    QTest::newRow("unknown option") << l("github --secret hush-hush --bogus") << QByteArray() << QByteArray("bogus");
}

void TstSignCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, envSecret);
    QFETCH(QByteArray, mentions);
    const Run r = sign(args, body, envSecret);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains(mentions), r.err.constData());
    QVERIFY2(!r.err.contains("hush-hush"), r.err.constData()); // the secret is never echoed
}

void TstSignCli::help()
{
    QProcess p;
    p.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("sign"), QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    for (const char *option : {"--secret", "--secret-file", "--url", "--id", "--timestamp", "--content-type", "twitch"})
        QVERIFY2(out.contains(option), option);
    p.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(p.readAllStandardOutput().contains("\n  sign "));
}

QTEST_GUILESS_MAIN(TstSignCli)
#include "tst_signcli.moc"
