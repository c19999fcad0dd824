// The {{name}} placeholders of an outgoing message: one value per name per message, fresh for the
// next message, the user's own names first, and unknown names left visible rather than dropped.

#include "delivery/variables.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>

using Delivery::MessageVariables;

namespace {
constexpr qint64 kNowMs = 1'780'000'123'456; // 2026-05-28T20:28:43.456Z
}

class TstVariables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtIns();
    void oneValuePerMessage();
    void freshForTheNextMessage();
    void userNamesFirst();
    void unknownNamesStayAndAreListed();
    void spellings_data();
    void spellings();
    void names();
};

void TstVariables::builtIns()
{
    MessageVariables v({}, kNowMs);
    QCOMPARE(v.apply("{{timestamp}}"), QByteArray("1780000123"));
    QCOMPARE(v.apply("{{iso8601}}"), QByteArray("2026-05-28T20:28:43.456Z"));
    const QByteArray uuid = v.apply("{{uuid}}");
    QCOMPARE(uuid.size(), 36);
    QCOMPARE(QUuid::fromString(QLatin1String(uuid)).version(), QUuid::Random);
    bool ok = false;
    const qint64 n = v.apply("{{random_int}}").toLongLong(&ok);
    QVERIFY(ok && n >= 0 && n < 0x7fffffff);
    QVERIFY(v.unresolved().isEmpty());
    QCOMPARE(v.used().size(), 4);
}

void TstVariables::oneValuePerMessage()
{
    // A delivery id in a header and in the body must agree.
    MessageVariables v({}, kNowMs);
    const QByteArray header = v.apply("X-Delivery: {{uuid}}");
    const QByteArray body = v.apply(R"({"id":"{{uuid}}","again":"{{ uuid }}"})");
    const QByteArray id = header.sliced(12);
    QCOMPARE(body, R"({"id":")" + id + R"(","again":")" + id + R"("})");
    QCOMPARE(v.used().value(QStringLiteral("uuid")), id);
}

void TstVariables::freshForTheNextMessage()
{
    MessageVariables first({}, kNowMs);
    MessageVariables second({}, kNowMs + 1000);
    QVERIFY(first.apply("{{uuid}}") != second.apply("{{uuid}}"));
    QCOMPARE(second.apply("{{timestamp}}"), QByteArray("1780000124"));
}

void TstVariables::userNamesFirst()
{
    MessageVariables v({{QStringLiteral("shop"), "acme.myshopify.com"}, {QStringLiteral("timestamp"), "1700000000"}},
                       kNowMs);
    QCOMPARE(v.apply("X-Shopify-Shop-Domain: {{shop}}"), QByteArray("X-Shopify-Shop-Domain: acme.myshopify.com"));
    QCOMPARE(v.apply("{{timestamp}}"), QByteArray("1700000000")); // pinned by the user
}

void TstVariables::unknownNamesStayAndAreListed()
{
    MessageVariables v({}, kNowMs);
    QCOMPARE(v.apply("a {{uuidd}} b {{missing}} c {{uuidd}}"), QByteArray("a {{uuidd}} b {{missing}} c {{uuidd}}"));
    QCOMPARE(v.unresolved(), (QStringList{QStringLiteral("uuidd"), QStringLiteral("missing")}));
}

void TstVariables::spellings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("none") << QByteArray("plain {text}") << QByteArray("plain {text}");
    QTest::newRow("spaces inside") << QByteArray("{{  timestamp }}") << QByteArray("1780000123");
    QTest::newRow("three braces (JSON object around it)")
        << QByteArray("{{{timestamp}}}") << QByteArray("{1780000123}");
    QTest::newRow("not closed") << QByteArray("{{timestamp") << QByteArray("{{timestamp");
    QTest::newRow("one brace closes") << QByteArray("{{timestamp}") << QByteArray("{{timestamp}");
    QTest::newRow("empty name") << QByteArray("{{}}") << QByteArray("{{}}");
    QTest::newRow("name with a space in it") << QByteArray("{{time stamp}}") << QByteArray("{{time stamp}}");
    QTest::newRow("two in a row") << QByteArray("{{timestamp}}{{timestamp}}") << QByteArray("17800001231780000123");
    QTest::newRow("binary around it") << QByteArray("\x00{{timestamp}}\xff", 15)
                                      << QByteArray("\x00"
                                                    "1780000123"
                                                    "\xff",
                                                    12);
    QTest::newRow("at the end") << QByteArray("t={{timestamp}}") << QByteArray("t=1780000123");
}

void TstVariables::spellings()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    MessageVariables v({}, kNowMs);
    QCOMPARE(v.apply(text), expected);
}

void TstVariables::names()
{
    QVERIFY(MessageVariables::isValidName(u"order.id"));
    QVERIFY(MessageVariables::isValidName(u"shop-domain_2"));
    QVERIFY(!MessageVariables::isValidName(u""));
    QVERIFY(!MessageVariables::isValidName(u"has space"));
    QVERIFY(!MessageVariables::isValidName(u"ünï"));
    QVERIFY(!MessageVariables::isValidName(u"{{x}}"));
    QCOMPARE(MessageVariables::builtInNames().size(), 4);
}

QTEST_GUILESS_MAIN(TstVariables)
#include "tst_variables.moc"
