// Which scheme and secret apply, what sign() writes, and the hints that explain a mismatch.

#include "signingtesting.h"

#include "payload/jsonformatter.h"

#include <QtTest>

using namespace Signing;
using namespace SigningTesting;

namespace {

constexpr qint64 signedAt = 1700000000;
const QByteArray body = R"({"type":"invoice.paid","data":{"amount":1200,"lines":[1,2]}})";

SignOptions at(qint64 seconds, const QByteArray &id = {})
{
    SignOptions options;
    options.nowSeconds = seconds;
    options.id = id;
    return options;
}

bool anyContains(const QStringList &hints, const QString &text)
{
    for (const QString &h : hints) {
        if (h.contains(text))
            return true;
    }
    return false;
}

QByteArray headerValue(const Http::HeaderList &headers, const QByteArray &name)
{
    for (const auto &[n, v] : headers) {
        if (n == name)
            return v;
    }
    return {};
}

} // namespace

class TstSigningDiagnosis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detection_data();
    void detection();
    void unsigned_();
    void noSecret();
    void pathPatterns();
    void prefersSchemeWithSecret();
    void diagnosisShowsWhatWasSigned();

    void signedHeaders_data();
    void signedHeaders();
    void signFreshIds();
    void signErrors();

    void hintReencodedBody_data();
    void hintReencodedBody();
    void hintJsonInGeneral();
    void hintStripeSecretDecoded();
    void hintStandardWebhooksSecretUsedWhole();
    void hintUrlSchemeDiffers();
    void hintUrlFromHostHeader();
    void hintUrlGuessed();
    void hintTimestamps();
};

void TstSigningDiagnosis::detection_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("scheme");
    const auto row = [](const char *header, const char *scheme) {
        QTest::newRow(header) << QByteArray(header) << QString::fromLatin1(scheme);
    };
    row("Webhook-Signature", "standard-webhooks");
    row("svix-signature", "svix");
    row("x-hub-signature-256", "github");
    row("X-Hub-Signature", "github");
    row("stripe-signature", "stripe");
    row("X-SLACK-SIGNATURE", "slack");
    row("X-Shopify-Hmac-SHA256", "shopify");
    row("X-Twilio-Signature", "twilio");
    row("X-Square-HmacSha256-Signature", "square");
    row("Paddle-Signature", "paddle");
    row("X-Zm-Signature", "zoom");
    row("twitch-eventsub-message-signature", "twitch");
    row("X-Signature", "");
}

void TstSigningDiagnosis::detection()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, scheme);
    QCOMPARE(detectScheme(request({{header, "x"}}, body)), scheme);
}

void TstSigningDiagnosis::unsigned_()
{
    const Http::Request r = request({{"Content-Type", "application/json"}}, body);
    QCOMPARE(Verifier().verify(r, 0).verdict, Verdict::Unsigned);
    const Result result = Verifier(config({secret(QStringLiteral("github"), "s")})).verify(r, 0);
    QCOMPARE(result.verdict, Verdict::Unsigned);
    QCOMPARE(result.scheme, QString());
}

void TstSigningDiagnosis::noSecret()
{
    const Http::Request r = request(sign(u"github", "s", body).headers, body, "/github/push");
    const Result none = Verifier(config({secret(QStringLiteral("stripe"), "whsec_x")})).verify(r, 0);
    QCOMPARE(none.verdict, Verdict::NoSecret);
    QCOMPARE(none.scheme, QStringLiteral("github"));
    QCOMPARE(none.detail, QStringLiteral("no GitHub secret is set"));
    // A GitHub secret bound to another path does not apply here.
    const Result elsewhere =
        Verifier(config({secret(QStringLiteral("github"), "s", {}, QStringLiteral("/other/*"))})).verify(r, 0);
    QCOMPARE(elsewhere.verdict, Verdict::NoSecret);
    QCOMPARE(elsewhere.detail, QStringLiteral("no GitHub secret applies to this path"));
}

void TstSigningDiagnosis::pathPatterns()
{
    const QString github = QStringLiteral("github");
    const Config c = config({secret(github, "for-github", {}, QStringLiteral("/github/*")),
                             secret(QStringLiteral("stripe"), "whsec_stripe", {}, QStringLiteral("/stripe"))});
    const Verifier verifier(c);
    // A secret bound to a path says a signature is due there: its absence is reported.
    const Result missing = verifier.verify(request({}, body, "/github/push?x=1"), 0);
    QCOMPARE(missing.verdict, Verdict::MissingHeader);
    QCOMPARE(missing.scheme, github);
    QCOMPARE(missing.detail, QStringLiteral("expected a GitHub signature on this path"));
    QCOMPARE(verifier.verify(request({}, body, "/stripe?github/x"), 0).scheme, QStringLiteral("stripe"));
    QCOMPARE(verifier.verify(request({}, body, "/elsewhere"), 0).verdict, Verdict::Unsigned);
    // On its path the secret verifies; the query is not part of the path.
    const Http::HeaderList signedHeaders = sign(github, "for-github", body).headers;
    const Result valid = verifier.verify(request(signedHeaders, body, "/github/push?x=1"), 0);
    QCOMPARE(valid.verdict, Verdict::Valid);
    QCOMPARE(valid.secretLabel, QStringLiteral("github secret 1"));
}

void TstSigningDiagnosis::prefersSchemeWithSecret()
{
    // Svix may send its svix-* headers beside webhook-* ones: the scheme with a secret is checked.
    const Http::HeaderList svix = sign(u"svix", "whsec_c3ZpeA==", body, {}, at(signedAt)).headers;
    Http::HeaderList both; // webhook-* first, with a signature no secret here matches
    for (const auto &[name, value] : replaced(svix, "v1,", "v2,"))
        both.append({QByteArray(name).replace("svix", "webhook"), value});
    both += svix;
    const Http::Request r = request(both, body);
    QCOMPARE(detectScheme(r), QStringLiteral("standard-webhooks"));
    const Result result = Verifier(config({secret(QStringLiteral("svix"), "whsec_c3ZpeA==")})).verify(r, signedAt);
    QCOMPARE(result.scheme, QStringLiteral("svix"));
    QCOMPARE(result.verdict, Verdict::Valid);
}

void TstSigningDiagnosis::diagnosisShowsWhatWasSigned()
{
    const QString id = QStringLiteral("standard-webhooks");
    const QByteArray secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const Http::HeaderList headers = sign(id, secretText, body, {}, at(signedAt, "msg_1")).headers;
    const Http::Request r = request(headers, body);
    const Diagnosis d = Verifier(config({secret(id, "whsec_b3RoZXI=", QStringLiteral("old")), secret(id, secretText)}))
                            .diagnose(r, signedAt + 3);
    QCOMPARE(d.result.verdict, Verdict::Valid);
    QCOMPARE(d.result.secretLabel, QStringLiteral("standard-webhooks secret 2"));
    QCOMPARE(d.result.skewSeconds, 3);
    QCOMPARE(d.signedBytes, "msg_1.1700000000." + body);
    QCOMPARE(d.headerName, QByteArray("webhook-signature"));
    QCOMPARE(d.received, QList<QByteArray>{headerValue(headers, "webhook-signature")});
    QCOMPARE(d.url, QString());
    QCOMPARE(d.attempts.size(), 2);
    QCOMPARE(d.attempts.at(0).secretLabel, QStringLiteral("old"));
    QVERIFY(!d.attempts.at(0).matched);
    QVERIFY(d.attempts.at(0).expected.startsWith("v1,"));
    QVERIFY(d.attempts.at(0).expected != d.received.first());
    QCOMPARE(d.attempts.at(1).expected, d.received.first());
    QVERIFY(d.attempts.at(1).matched);
    QVERIFY(d.hints.isEmpty());
}

void TstSigningDiagnosis::signedHeaders_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArrayList>("names");
    const QString url = QStringLiteral("https://example.test/in");
    QTest::newRow("standard-webhooks") << QStringLiteral("standard-webhooks") << QByteArray("whsec_a2V5") << QString()
                                       << QByteArrayList{"webhook-id", "webhook-timestamp", "webhook-signature"};
    QTest::newRow("svix") << QStringLiteral("svix") << QByteArray("whsec_a2V5") << QString()
                          << QByteArrayList{"svix-id", "svix-timestamp", "svix-signature"};
    QTest::newRow("github") << QStringLiteral("github") << QByteArray("k") << QString()
                            << QByteArrayList{"X-Hub-Signature", "X-Hub-Signature-256"};
    QTest::newRow("stripe") << QStringLiteral("stripe") << QByteArray("k") << QString()
                            << QByteArrayList{"Stripe-Signature"};
    QTest::newRow("slack") << QStringLiteral("slack") << QByteArray("k") << QString()
                           << QByteArrayList{"X-Slack-Request-Timestamp", "X-Slack-Signature"};
    QTest::newRow("shopify") << QStringLiteral("shopify") << QByteArray("k") << QString()
                             << QByteArrayList{"X-Shopify-Hmac-Sha256"};
    QTest::newRow("twilio") << QStringLiteral("twilio") << QByteArray("k") << url
                            << QByteArrayList{"X-Twilio-Signature"};
    QTest::newRow("square") << QStringLiteral("square") << QByteArray("k") << url
                            << QByteArrayList{"x-square-hmacsha256-signature"};
    QTest::newRow("paddle") << QStringLiteral("paddle") << QByteArray("k") << QString()
                            << QByteArrayList{"Paddle-Signature"};
    QTest::newRow("zoom") << QStringLiteral("zoom") << QByteArray("k") << QString()
                          << QByteArrayList{"x-zm-request-timestamp", "x-zm-signature"};
    QTest::newRow("twitch") << QStringLiteral("twitch") << QByteArray("k") << QString()
                            << QByteArrayList{"Twitch-Eventsub-Message-Id", "Twitch-Eventsub-Message-Timestamp",
                                              "Twitch-Eventsub-Message-Signature"};
}

void TstSigningDiagnosis::signedHeaders()
{
    // The provider's own header names, casing and order, with the id and time asked for.
    QFETCH(QString, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(QString, url);
    QFETCH(QByteArrayList, names);
    const Signed s = sign(scheme, secret, body, url, at(1573899072, "msg_given"));
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QByteArrayList got;
    for (const auto &[name, value] : s.headers)
        got << name;
    QCOMPARE(got, names);
    const QByteArray all = [&] {
        QByteArray joined;
        for (const auto &[name, value] : s.headers)
            joined += value + '\n';
        return joined;
    }();
    if (scheme == QLatin1String("twitch"))
        QVERIFY2(all.contains("msg_given\n2019-11-16T10:11:12.000000000Z\n"), all.constData());
    else if (defaultToleranceSeconds(scheme) > 0)
        QVERIFY2(all.contains("1573899072"), all.constData());
    if (names.first().endsWith("-id"))
        QCOMPARE(s.headers.first().second, QByteArray("msg_given"));
}

void TstSigningDiagnosis::signFreshIds()
{
    const Signed a = sign(u"standard-webhooks", "whsec_a2V5", body);
    const Signed b = sign(u"standard-webhooks", "whsec_a2V5", body);
    QVERIFY(a.headers.first().second.startsWith("msg_"));
    QVERIFY(a.headers.first().second != b.headers.first().second);
    // A fresh timestamp is now.
    const qint64 stamped = a.headers.at(1).second.toLongLong();
    QVERIFY(qAbs(stamped - QDateTime::currentSecsSinceEpoch()) <= 2);
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    const QByteArray twitchId = sign(u"twitch", "k", body).headers.first().second;
    QVERIFY2(uuid.match(QString::fromLatin1(twitchId)).hasMatch(), twitchId.constData());
}

void TstSigningDiagnosis::signErrors()
{
    const Signed unknown = sign(u"gitlab", "k", body);
    QVERIFY(unknown.headers.isEmpty());
    QVERIFY2(unknown.error.contains(QLatin1String("gitlab")) && unknown.error.contains(QLatin1String("twitch")),
             qPrintable(unknown.error));
    for (const char *scheme : {"twilio", "square"}) {
        const Signed noUrl = sign(QString::fromLatin1(scheme), "k", body);
        QVERIFY(noUrl.headers.isEmpty());
        QVERIFY2(noUrl.error.contains(QLatin1String("URL")), qPrintable(noUrl.error));
    }
    const Signed empty = sign(u"github", "", body);
    QVERIFY(empty.headers.isEmpty());
    QVERIFY(!empty.error.isEmpty());
    const Signed notBase64 = sign(u"svix", "whsec_***", body);
    QVERIFY(notBase64.headers.isEmpty());
    QVERIFY2(!notBase64.error.contains(QLatin1String("***")), qPrintable(notBase64.error)); // never echo a secret
}

void TstSigningDiagnosis::hintReencodedBody_data()
{
    QTest::addColumn<QByteArray>("arrived");
    QTest::addColumn<QString>("says");
    const Payload::JsonFormatResult pretty = Payload::formatJson(body);
    QVERIFY(pretty.ok());
    QTest::newRow("pretty-printed on the way") << pretty.text << QStringLiteral("as compact JSON");
    QTest::newRow("compact on the way") << body << QStringLiteral("indented by two spaces");
    QTest::newRow("newline dropped") << body << QStringLiteral("with a final newline");
}

void TstSigningDiagnosis::hintReencodedBody()
{
    // The sender signed one encoding; another arrived. Re-encoding what arrived finds it.
    QFETCH(QByteArray, arrived);
    QFETCH(QString, says);
    QByteArray signedBody = body;
    if (says.startsWith(QLatin1String("indented")))
        signedBody = Payload::formatJson(body).text;
    else if (says.contains(QLatin1String("newline")))
        signedBody += '\n';
    const Http::HeaderList headers = sign(u"github", "k", signedBody).headers;
    const Diagnosis d =
        Verifier(config({secret(QStringLiteral("github"), "k")})).diagnose(request(headers, arrived), 0);
    QCOMPARE(d.result.verdict, Verdict::Mismatch);
    QVERIFY2(anyContains(d.hints, QLatin1String("matches this body ") + says), qPrintable(d.hints.join(u'\n')));
    QVERIFY2(anyContains(d.hints, QLatin1String("re-encoded")), qPrintable(d.hints.join(u'\n')));
}

void TstSigningDiagnosis::hintJsonInGeneral()
{
    // A wrong secret on a JSON body: no variant matches, so only the general warning is given.
    const Http::HeaderList headers = sign(u"github", "right", body).headers;
    const Diagnosis d =
        Verifier(config({secret(QStringLiteral("github"), "wrong")})).diagnose(request(headers, body), 0);
    QCOMPARE(d.result.verdict, Verdict::Mismatch);
    QCOMPARE(d.hints.size(), 1);
    QVERIFY2(d.hints.first().contains(QLatin1String("re-serialised")), qPrintable(d.hints.first()));
    // Not JSON: nothing to say.
    const Http::HeaderList formHeaders = sign(u"github", "right", "a=1").headers;
    QVERIFY(Verifier(config({secret(QStringLiteral("github"), "wrong")}))
                .diagnose(request(formHeaders, "a=1"), 0)
                .hints.isEmpty());
}

void TstSigningDiagnosis::hintStripeSecretDecoded()
{
    // Stripe keys with the whole whsec_ string; this sender decoded the base64 after the prefix.
    const QByteArray key = "raw key bytes\x01\x02";
    const QByteArray secretText = "whsec_" + key.toBase64();
    const Http::HeaderList headers = sign(u"stripe", key, body, {}, at(signedAt)).headers;
    const Diagnosis d =
        Verifier(config({secret(QStringLiteral("stripe"), secretText)})).diagnose(request(headers, body), signedAt);
    QCOMPARE(d.result.verdict, Verdict::Mismatch);
    QVERIFY2(anyContains(d.hints, QStringLiteral("base64-decoded what follows whsec_")),
             qPrintable(d.hints.join(u'\n')));
    // Signed the Stripe way, no such hint.
    const Http::HeaderList right = sign(u"stripe", secretText, body, {}, at(signedAt)).headers;
    QCOMPARE(
        Verifier(config({secret(QStringLiteral("stripe"), secretText)})).verify(request(right, body), signedAt).verdict,
        Verdict::Valid);
}

void TstSigningDiagnosis::hintStandardWebhooksSecretUsedWhole()
{
    // Standard Webhooks decodes the base64 after whsec_; this sender keyed with the whole string.
    const QByteArray secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    // sign() decodes an unprefixed secret: hand it the whole string encoded, so it keys with it raw.
    const Http::HeaderList headers = sign(u"standard-webhooks", secretText.toBase64(), body, {}, at(signedAt)).headers;
    const Diagnosis d = Verifier(config({secret(QStringLiteral("standard-webhooks"), secretText)}))
                            .diagnose(request(headers, body), signedAt);
    QCOMPARE(d.result.verdict, Verdict::Mismatch);
    QVERIFY2(anyContains(d.hints, QStringLiteral("whole whsec_ string, prefix included")),
             qPrintable(d.hints.join(u'\n')));
    QVERIFY(!anyContains(d.hints, QStringLiteral("re-serialised")));
}

void TstSigningDiagnosis::hintUrlSchemeDiffers()
{
    // Twilio called https; the public URL says http.
    const Http::HeaderList headers =
        sign(u"twilio", "token", body, QStringLiteral("https://abc.example/voice")).headers;
    const Diagnosis d =
        Verifier(config({secret(QStringLiteral("twilio"), "token")}, QStringLiteral("http://abc.example")))
            .diagnose(request(headers, body, "/voice"), 0);
    QCOMPARE(d.result.verdict, Verdict::Mismatch);
    QCOMPARE(d.url, QStringLiteral("http://abc.example/voice"));
    QCOMPARE(d.signedBytes, QByteArray("http://abc.example/voice"));
    QVERIFY2(anyContains(d.hints, QStringLiteral("Signed for https://abc.example/voice, not http://abc.example/voice: "
                                                 "set the public URL to https://abc.example.")),
             qPrintable(d.hints.join(u'\n')));
}

void TstSigningDiagnosis::hintUrlFromHostHeader()
{
    // Square signed the URL it called directly; the public URL set is a tunnel's.
    const QString called = QStringLiteral("http://127.0.0.1:8080/square?x=1");
    const Http::HeaderList headers = sign(u"square", "sq", body, called).headers;
    const Diagnosis d = Verifier(config({secret(QStringLiteral("square"), "sq")}, QStringLiteral("https://t.example/")))
                            .diagnose(request(headers, body, "/square?x=1"), 0);
    QCOMPARE(d.result.verdict, Verdict::Mismatch);
    QCOMPARE(d.url, QStringLiteral("https://t.example/square?x=1"));
    QVERIFY2(anyContains(d.hints, QStringLiteral("set the public URL to http://127.0.0.1:8080.")),
             qPrintable(d.hints.join(u'\n')));
}

void TstSigningDiagnosis::hintUrlGuessed()
{
    // With no public URL the Host header stands in, and the user is told so.
    const QString url = QStringLiteral("http://127.0.0.1:8080/hook");
    const Http::HeaderList headers = sign(u"square", "sq", body, url).headers;
    const Diagnosis d = Verifier(config({secret(QStringLiteral("square"), "sq")})).diagnose(request(headers, body), 0);
    QCOMPARE(d.result.verdict, Verdict::Valid);
    QCOMPARE(d.url, url);
    QCOMPARE(d.hints.size(), 1);
    QVERIFY2(d.hints.first().contains(QLatin1String("guessed")), qPrintable(d.hints.first()));
}

void TstSigningDiagnosis::hintTimestamps()
{
    const QString id = QStringLiteral("slack");
    const Http::HeaderList headers = sign(id, "k", body, {}, at(signedAt)).headers;
    const Verifier verifier(config({secret(id, "k")}));
    const Diagnosis old = verifier.diagnose(request(headers, body), signedAt + 301);
    QCOMPARE(old.result.verdict, Verdict::TimestampTooOld);
    QVERIFY2(anyContains(old.hints, QStringLiteral("Signed 301 s before it arrived, more than the 300 s allowed")),
             qPrintable(old.hints.join(u'\n')));
    const Diagnosis ahead = verifier.diagnose(request(headers, body), signedAt - 30);
    QCOMPARE(ahead.result.verdict, Verdict::Valid);
    QVERIFY2(anyContains(ahead.hints, QStringLiteral("30 s ahead")), qPrintable(ahead.hints.join(u'\n')));
    QVERIFY(verifier.diagnose(request(headers, body), signedAt + 4).hints.isEmpty());
}

QTEST_GUILESS_MAIN(TstSigningDiagnosis)
#include "tst_signingdiagnosis.moc"
