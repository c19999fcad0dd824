// The Event column's source: provider rules over real-shaped deliveries (tests/data/webhooks), and
// the one-pass JSON pointer lookup they and custom columns use.

#include "http/requestreader.h"
#include "payload/jsonpointer.h"
#include "payload/webhookevent.h"
#include "session/capturedrequest.h"

#include <QFile>
#include <QTest>

using Payload::JsonPointer;

class TestWebhookEvent : public QObject
{
    Q_OBJECT

private:
    static Http::Request load(const QString &name)
    {
        QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/webhooks/") + name);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = file.readAll();
        const qsizetype split = bytes.indexOf("\r\n\r\n") + 4;
        return Http::RequestReader::restore(bytes.left(split), bytes.mid(split), {});
    }

    static std::optional<QString> at(const QByteArray &json, const char *pointer)
    {
        const std::optional<JsonPointer> p = JsonPointer::parse(QString::fromUtf8(pointer));
        return p ? Payload::jsonValueAt(json, *p) : std::nullopt;
    }

private Q_SLOTS:
    void providers_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("event");
        QTest::newRow("GitHub: header and action") << "github-pull-request.http"
                                                   << "pull_request.opened";
        // No action in a push; a "type" in a nested commit message does not count.
        QTest::newRow("GitHub push") << "github-push.http"
                                     << "push";
        // The top-level type, not the "type" of the invoice lines that come before it.
        QTest::newRow("Stripe: body type") << "stripe-invoice-paid.http"
                                           << "invoice.paid";
        QTest::newRow("Shopify: topic header") << "shopify-orders-create.http"
                                               << "orders/create";
        QTest::newRow("Slack: inner event type") << "slack-app-mention.http"
                                                 << "app_mention";
        QTest::newRow("Standard Webhooks") << "standard-webhooks.http"
                                           << "contact.created";
        QTest::newRow("own service naming its event") << "own-service.http"
                                                      << "user.signed_up";
        QTest::newRow("form body: no event") << "form-no-event.http"
                                             << "";
    }
    void providers()
    {
        QFETCH(QString, file);
        QFETCH(QString, event);
        const Http::Request request = load(file);
        QVERIFY2(request.hasRequestLine(), qPrintable(file));
        const QString found = Session::webhookEventOf(request);
        QCOMPARE(found, event);
        QVERIFY(!found.isNull()); // worked out: "" is "none", null would mean "not yet"
    }

    void headerBeatsBody()
    {
        // A GitHub delivery whose body also has a top-level "type": the header names the event.
        const QByteArray body = "{\"type\":\"User\",\"action\":\"created\"}";
        const auto header = [](QByteArrayView name) {
            return name.compare("X-GitHub-Event", Qt::CaseInsensitive) == 0 ? QByteArrayView("member")
                                                                            : QByteArrayView();
        };
        QCOMPARE(Payload::webhookEvent(header, body), QStringLiteral("member.created"));
    }

    void longEventIsCut()
    {
        const QByteArray body = "{\"type\":\"" + QByteArray(500, 'x') + "\"}";
        const QString event = Payload::webhookEvent([](QByteArrayView) { return QByteArrayView(); }, body);
        QCOMPARE(event.size(), Payload::kMaxEventText);
        QVERIFY(event.endsWith(QChar(0x2026)));
    }

    void objectIsNotAnEventName()
    {
        // {"event": {...}} names no event (Slack's url_verification has "type" though).
        const QByteArray body = "{\"event\":{\"id\":1}}";
        QCOMPARE(Payload::webhookEvent([](QByteArrayView) { return QByteArrayView(); }, body), QString());
    }

    void pointerParse()
    {
        QVERIFY(JsonPointer::parse(u"").has_value());
        QVERIFY(JsonPointer::parse(u"").value().tokens().isEmpty());
        QVERIFY(!JsonPointer::parse(u"data").has_value());
        QVERIFY(!JsonPointer::parse(u"/a~2b").has_value());
        const JsonPointer p = *JsonPointer::parse(u"/a~1b/m~0n/0");
        QCOMPARE(p.tokens(), (QList<QByteArray>{"a/b", "m~n", "0"}));
        QCOMPARE(p.toString(), QStringLiteral("/a~1b/m~0n/0"));
    }

    void pointerValues()
    {
        const QByteArray json =
            "{\n"
            "  \"data\": {\"object\": {\"id\": \"in_1\", \"amount\": 2000, \"paid\": true, \"note\": null,\n"
            "           \"lines\": [{\"id\": \"l0\"}, {\"id\": \"l1\", \"tags\": [\"a\", \"b\"]}]}},\n"
            "  \"a/b\": 1, \"m~n\": 2, \"esc\\\"aped\": \"x\\ny\\u00e9\",\n"
            "  \"\": \"empty key\"\n"
            "}";
        QCOMPARE(at(json, "/data/object/id"), std::optional<QString>(QStringLiteral("in_1")));
        QCOMPARE(at(json, "/data/object/amount"), std::optional<QString>(QStringLiteral("2000")));
        QCOMPARE(at(json, "/data/object/paid"), std::optional<QString>(QStringLiteral("true")));
        QCOMPARE(at(json, "/data/object/note"), std::optional<QString>(QStringLiteral("null")));
        QCOMPARE(at(json, "/data/object/lines/1/id"), std::optional<QString>(QStringLiteral("l1")));
        QCOMPARE(at(json, "/data/object/lines/1/tags"), std::optional<QString>(QStringLiteral("[\"a\", \"b\"]")));
        QCOMPARE(at(json, "/a~1b"), std::optional<QString>(QStringLiteral("1")));
        QCOMPARE(at(json, "/m~0n"), std::optional<QString>(QStringLiteral("2")));
        // Escapes in a key and in a value are resolved; a line break becomes one line.
        QCOMPARE(at(json, "/esc\"aped"), std::optional<QString>(QStringLiteral("x y\u00e9")));
        QCOMPARE(at(json, "/"), std::optional<QString>(QStringLiteral("empty key")));
        // Absent: a missing key, an index past the end, a leading zero, a pointer into a scalar.
        QVERIFY(!at(json, "/data/object/missing"));
        QVERIFY(!at(json, "/data/object/lines/2"));
        QVERIFY(!at(json, "/data/object/lines/01"));
        QVERIFY(!at(json, "/data/object/id/x"));
        // The document itself.
        QVERIFY(at(json, "")->startsWith(QLatin1Char('{')));
        QVERIFY(!at("not json", "/a"));
        QVERIFY(!at("", ""));
    }

    void cutValues()
    {
        const QByteArray json = "{\"id\":\"" + QByteArray(1000, 'x') + "\"}";
        const std::optional<JsonPointer> p = JsonPointer::parse(u"/id");
        const std::optional<QString> value = Payload::jsonValueAt(json, *p, 10);
        QVERIFY(value);
        QCOMPARE(value->size(), 10);
        QVERIFY(value->endsWith(QChar(0x2026)));
    }
};

QTEST_GUILESS_MAIN(TestWebhookEvent)
#include "tst_webhookevent.moc"
