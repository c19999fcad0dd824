// The delivery templates that come with Hookscope: each reads, carries its provider's headers in
// order, resolves its placeholders to a valid JSON body, and signs to a signature the verifier
// accepts; and a broken template file is refused with its line.

#include "delivery/template.h"
#include "delivery/variables.h"
#include "http/requestreader.h"
#include "signing/signing.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QtTest>

using Delivery::Template;

class TstTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theIssueAsksForThese();
    void eachResolvesAndVerifies_data();
    void eachResolvesAndVerifies();
    void parsesTheFormat();
    void brokenFilesAreRefused_data();
    void brokenFilesAreRefused();
};

void TstTemplates::theIssueAsksForThese()
{
    QStringList ids;
    for (const Template &t : Template::builtIn())
        ids.append(t.id);
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("github-pull-request"), QStringLiteral("github-push"),
                               QStringLiteral("shopify-orders-create"), QStringLiteral("slack-event-callback"),
                               QStringLiteral("standard-webhooks-event"),
                               QStringLiteral("stripe-payment-intent-succeeded")}));
}

void TstTemplates::eachResolvesAndVerifies_data()
{
    QTest::addColumn<int>("index");
    const QList<Template> all = Template::builtIn();
    for (int i = 0; i < all.size(); ++i)
        QTest::newRow(qPrintable(all.at(i).id)) << i;
}

void TstTemplates::eachResolvesAndVerifies()
{
    QFETCH(int, index);
    const Template t = Template::builtIn().at(index);
    QCOMPARE(t.method, QByteArray("POST"));
    QVERIFY(!t.sign.isEmpty());
    // One message: placeholders resolved, the body valid JSON.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Delivery::MessageVariables vars({}, now);
    const QByteArray body = vars.apply(t.body);
    QVERIFY2(vars.unresolved().isEmpty(), qPrintable(vars.unresolved().join(u',')));
    QJsonParseError parse;
    QJsonDocument::fromJson(body, &parse);
    QVERIFY2(parse.error == QJsonParseError::NoError, qPrintable(parse.errorString()));
    // Signed with its preset, the request verifies, and the verifier recognises the scheme.
    const QByteArray secret = t.sign == QLatin1String("standard-webhooks") ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                                                                           : "template-test-secret";
    const Signing::Signed s = Signing::sign(t.sign, secret, body, {}, {});
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QByteArray wire = t.method + ' ' + t.path + " HTTP/1.1\r\nHost: localhost\r\n";
    for (const auto &[name, value] : t.headers)
        wire += name + ": " + vars.apply(value) + "\r\n";
    for (const auto &[name, value] : s.headers)
        wire += name + ": " + value + "\r\n";
    wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    Http::RequestReader reader;
    QCOMPARE(reader.feed(wire).event, Http::RequestReader::Event::MessageComplete);
    const Http::Request request = reader.takeRequest();
    Signing::Config config;
    config.secrets.append({t.sign, secret, {}, {}});
    const Signing::Result r = Signing::Verifier(config).verify(request, now / 1000);
    QCOMPARE(r.scheme, t.sign);
    QCOMPARE(r.verdict, Signing::Verdict::Valid);
    QVERIFY(request.headerValue("Content-Type").startsWith("application/json"));
}

void TstTemplates::parsesTheFormat()
{
    Template t;
    QString error;
    QVERIFY2(Template::parse(QStringLiteral("mine"),
                             "# name: Mine\r\n# a comment\r\n# sign: github\r\nPUT /x/y\r\nX-B: 2\r\nx-a:  1 \r\n"
                             "X-B: 3\r\n\r\nline one\r\nline two\n",
                             &t, &error),
             qPrintable(error));
    QCOMPARE(t.name, QStringLiteral("Mine"));
    QCOMPARE(t.sign, QStringLiteral("github"));
    QCOMPARE(t.method, QByteArray("PUT"));
    QCOMPARE(t.path, QByteArray("/x/y"));
    QCOMPARE(t.headers, (Http::HeaderList{{"X-B", "2"}, {"x-a", "1"}, {"X-B", "3"}})); // order, case, duplicates
    QCOMPARE(t.body, QByteArray("line one\r\nline two")); // exactly, but the file's last newline
}

void TstTemplates::brokenFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no name") << QByteArray("POST /\n\n{}") << QStringLiteral("t, line 1: no '# name:' line");
    QTest::newRow("unknown scheme") << QByteArray("# name: x\n# sign: gitlab\nPOST /\n\n{}")
                                    << QStringLiteral("t, line 3: unknown scheme 'gitlab' in '# sign:'");
    QTest::newRow("no method") << QByteArray("# name: x\n\n{}")
                               << QStringLiteral("t, line 2: expected a method such as POST, then a path");
    QTest::newRow("bad header") << QByteArray("# name: x\nPOST /\nnot a header\n\n{}")
                                << QStringLiteral("t, line 3: expected a header line 'Name: value'");
    QTest::newRow("no body separator") << QByteArray("# name: x\nPOST /\nA: 1")
                                       << QStringLiteral("t, line 3: no blank line before the body");
}

void TstTemplates::brokenFilesAreRefused()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    Template t;
    QString error;
    QVERIFY(!Template::parse(QStringLiteral("t"), text, &t, &error));
    QCOMPARE(error, message);
}

QTEST_GUILESS_MAIN(TstTemplates)
#include "tst_templates.moc"
