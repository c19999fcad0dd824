// Every shared vector, then each scheme signed and verified: tampered, stale, rotated, malformed.

#include "signingtesting.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Signing;
using namespace SigningTesting;

namespace {

QString vectorsPath()
{
    // The environment overrides the folder given when configuring, as for the conformance corpus.
    const QString shared = qEnvironmentVariableIsEmpty("HOOKSCOPE_SHARED_DIR")
                               ? QString::fromUtf8(HOOKSCOPE_SHARED_DIR)
                               : qEnvironmentVariable("HOOKSCOPE_SHARED_DIR");
    return shared + QLatin1String("/signatures/vectors.json");
}
constexpr qint64 signedAt = 1700000000;

/// The reason of every invalid vector that is not a plain mismatch.
Verdict expectedInvalidVerdict(const QString &name)
{
    static const QHash<QString, Verdict> reasons = {
        {QStringLiteral("sw-v1-partial-signature"), Verdict::MalformedHeader},
        {QStringLiteral("sw-v1-timestamp-too-old"), Verdict::TimestampTooOld},
        {QStringLiteral("sw-v1-timestamp-too-new"), Verdict::TimestampTooNew},
        {QStringLiteral("stripe-stale"), Verdict::TimestampTooOld},
        {QStringLiteral("slack-docs-stale"), Verdict::TimestampTooOld},
        {QStringLiteral("shopify-api-invalid-hmac"), Verdict::MalformedHeader},
        {QStringLiteral("paddle-sdk-stale-5s"), Verdict::TimestampTooOld},
        {QStringLiteral("twitch-eventsub-stale"), Verdict::TimestampTooOld},
    };
    return reasons.value(name, Verdict::Mismatch);
}

/// A secret each scheme accepts.
QByteArray secretFor(const QString &scheme, int n = 1)
{
    if (scheme == QLatin1String("standard-webhooks") || scheme == QLatin1String("svix"))
        return "whsec_" + QByteArray("key number " + QByteArray::number(n) + " of the test").toBase64();
    return "s3cret-" + QByteArray::number(n) + "-" + scheme.toUtf8();
}

const QString publicUrl = QStringLiteral("https://hooks.example.test");
const QByteArray target = "/in/hook?team=7";
const QByteArray body = R"({"event":"ping","data":{"id":42,"text":"caf\u00e9"}})";

QString urlFor(const QString &scheme)
{
    const bool signsUrl = scheme == QLatin1String("twilio") || scheme == QLatin1String("square");
    return signsUrl ? publicUrl + QString::fromLatin1(target) : QString();
}

} // namespace

class TstSigning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vectors_data();
    void vectors();
    void names();
    void escapeForDisplay();
    void schemeTable();

    void signThenVerify_data();
    void signThenVerify();
    void tamperedBody_data() { signThenVerify_data(); }
    void tamperedBody();
    void tamperedTimestamp_data();
    void tamperedTimestamp();
    void staleAndEarly_data() { tamperedTimestamp_data(); }
    void staleAndEarly();
    void toleranceOverride();
    void rotatedSecrets_data() { signThenVerify_data(); }
    void rotatedSecrets();
    void severalSignaturesInOneHeader_data();
    void severalSignaturesInOneHeader();
    void unknownVersionsOnly();
    void malformedHeaders_data();
    void malformedHeaders();
    void missingCompanionHeader_data();
    void missingCompanionHeader();
    void ed25519KeyLengths_data();
    void ed25519KeyLengths();
    void ed25519BadKeys();
    void githubPrefersSha256();
    void twilioJsonBodyHash();
    void twilioFormParametersSorted();
};

void TstSigning::vectors_data()
{
    QTest::addColumn<QJsonObject>("vector");
    QFile file(vectorsPath());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonArray all = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &v : all)
        QTest::newRow(qPrintable(v[QLatin1String("name")].toString())) << v.toObject();
}

void TstSigning::vectors()
{
    if (!QFile::exists(vectorsPath()))
        QSKIP(qPrintable(
            QStringLiteral("no signature vectors at %1 (set HOOKSCOPE_SHARED_DIR to the folder that holds signatures/)")
                .arg(vectorsPath())));
    QFETCH(QJsonObject, vector);
    const QString name = vector[QLatin1String("name")].toString();
    const QString scheme = vector[QLatin1String("scheme")].toString();
    const QByteArray vectorBody = vector[QLatin1String("body")].toString().toUtf8();
    const QJsonValue secretValue = vector[QLatin1String("secret")];
    const QByteArray secretText =
        (secretValue.isString() ? secretValue : vector[QLatin1String("public_key")]).toString().toUtf8();

    if (scheme == QLatin1String("zoom-url-validation")) {
        const QByteArray response = zoomUrlValidationResponse(secretText, vectorBody);
        QCOMPARE(QJsonDocument::fromJson(response).object(), vector[QLatin1String("expected_response")].toObject());
        QVERIFY2(response.startsWith("{\"plainToken\":"), response.constData());
        // Anything else is not a challenge: nothing to answer.
        QCOMPARE(zoomUrlValidationResponse(secretText, R"({"event":"meeting.started","payload":{"plainToken":"x"}})"),
                 QByteArray());
        QCOMPARE(zoomUrlValidationResponse(secretText, "not json"), QByteArray());
        return;
    }

    Http::HeaderList headers;
    const QJsonObject headerObject = vector[QLatin1String("headers")].toObject();
    for (auto it = headerObject.begin(); it != headerObject.end(); ++it)
        headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    // The URL the provider called: its origin is the public URL, the rest the request target.
    const QString url = vector[QLatin1String("url")].toString();
    QByteArray requestTarget = "/webhook";
    QString origin;
    if (!url.isEmpty()) {
        const qsizetype pathStart = url.indexOf(QLatin1Char('/'), url.indexOf(QLatin1String("://")) + 3);
        origin = url.first(pathStart);
        requestTarget = url.sliced(pathStart).toUtf8();
    }
    const qint64 now = vector[QLatin1String("now")].toInteger(QDateTime::currentSecsSinceEpoch());
    const Verifier verifier(config({secret(scheme, secretText)}, origin));
    const Http::Request request = SigningTesting::request(headers, vectorBody, requestTarget);

    QCOMPARE(detectScheme(request), scheme);
    const Result result = verifier.verify(request, now);
    QCOMPARE(result.scheme, scheme);
    const Verdict expected =
        vector[QLatin1String("expected_valid")].toBool() ? Verdict::Valid : expectedInvalidVerdict(name);
    const auto word = [](Verdict v) { return isInvalid(v) ? reasonName(v) : statusName(v); };
    QVERIFY2(
        result.verdict == expected,
        qPrintable(QStringLiteral("%1 (%2), expected %3").arg(word(result.verdict), result.detail, word(expected))));
    if (expected == Verdict::Valid)
        QCOMPARE(result.secretLabel, scheme + QLatin1String(" secret 1"));
    // diagnose() reaches the same verdict.
    QCOMPARE(verifier.diagnose(request, now).result, result);
}

void TstSigning::names()
{
    QCOMPARE(statusName(Verdict::Valid), QStringLiteral("valid"));
    QCOMPARE(statusName(Verdict::Unsigned), QStringLiteral("unsigned"));
    QCOMPARE(statusName(Verdict::NoSecret), QStringLiteral("no-secret"));
    QCOMPARE(statusName(Verdict::NotChecked), QString());
    QCOMPARE(statusName(Verdict::TimestampTooNew), QStringLiteral("invalid"));
    QCOMPARE(reasonName(Verdict::TimestampTooOld), QStringLiteral("timestamp-too-old"));
    QCOMPARE(reasonName(Verdict::MissingHeader), QStringLiteral("missing-header"));
    QCOMPARE(reasonName(Verdict::Valid), QString());
    QVERIFY(isInvalid(Verdict::MalformedHeader));
    QVERIFY(!isInvalid(Verdict::NoSecret));
    QVERIFY(!isInvalid(Verdict::NotChecked));
    // Every word a verdict is spelled with reads back as that verdict.
    for (int v = 1; v <= 8; ++v) {
        const auto verdict = static_cast<Verdict>(v);
        const QString word = isInvalid(verdict) ? reasonName(verdict) : statusName(verdict);
        Verdict read = Verdict::NotChecked;
        QVERIFY2(verdictFromName(word, &read), qPrintable(word));
        QCOMPARE(read, verdict);
    }
    Verdict untouched = Verdict::Valid;
    QVERIFY(!verdictFromName(u"invalid", &untouched));
    QVERIFY(!verdictFromName(u"", &untouched));
    QVERIFY(!verdictFromName(u"Valid", &untouched));
    QCOMPARE(untouched, Verdict::Valid);
}

void TstSigning::escapeForDisplay()
{
    QCOMPARE(Signing::escapeForDisplay("a b~"), QStringLiteral("a b~"));
    QCOMPARE(Signing::escapeForDisplay("1.2\r\n\t\\"), QStringLiteral("1.2\\r\\n\\t\\\\"));
    QCOMPARE(Signing::escapeForDisplay(QByteArray("\x00\x7f\xc2\xa0", 4)), QStringLiteral("\\x00\\x7f\\xc2\\xa0"));
    QCOMPARE(Signing::escapeForDisplay({}), QString());
}

void TstSigning::schemeTable()
{
    QCOMPARE(schemeIds(), QStringList({QStringLiteral("standard-webhooks"), QStringLiteral("svix"),
                                       QStringLiteral("github"), QStringLiteral("stripe"), QStringLiteral("slack"),
                                       QStringLiteral("shopify"), QStringLiteral("twilio"), QStringLiteral("square"),
                                       QStringLiteral("paddle"), QStringLiteral("zoom"), QStringLiteral("twitch")}));
    QCOMPARE(schemeTitle(u"github"), QStringLiteral("GitHub"));
    QCOMPARE(schemeTitle(u"standard-webhooks"), QStringLiteral("Standard Webhooks"));
    QCOMPARE(schemeTitle(u"nope"), QString());
    QCOMPARE(defaultToleranceSeconds(u"standard-webhooks"), 300);
    QCOMPARE(defaultToleranceSeconds(u"paddle"), 5);
    QCOMPARE(defaultToleranceSeconds(u"twitch"), 600);
    QCOMPARE(defaultToleranceSeconds(u"github"), 0);
    QCOMPARE(defaultToleranceSeconds(u"nope"), 0);
    for (const QString &id : schemeIds())
        QVERIFY2(!schemeTitle(id).isEmpty(), qPrintable(id));
}

void TstSigning::signThenVerify_data()
{
    QTest::addColumn<QString>("scheme");
    for (const QString &id : schemeIds())
        QTest::newRow(qPrintable(id)) << id;
}

void TstSigning::signThenVerify()
{
    QFETCH(QString, scheme);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(scheme, secretFor(scheme), body, urlFor(scheme), options);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QVERIFY(!s.headers.isEmpty());
    const Http::Request r = request(s.headers, body, target);
    QCOMPARE(detectScheme(r), scheme);
    const Result result = Verifier(config({secret(scheme, secretFor(scheme))}, publicUrl)).verify(r, signedAt + 2);
    QVERIFY2(result.verdict == Verdict::Valid, qPrintable(result.detail));
    QCOMPARE(result.scheme, scheme);
    QCOMPARE(result.secretLabel, scheme + QLatin1String(" secret 1"));
    QCOMPARE(result.skewSeconds, defaultToleranceSeconds(scheme) > 0 ? 2 : 0);
}

void TstSigning::tamperedBody()
{
    QFETCH(QString, scheme);
    SignOptions options;
    options.nowSeconds = signedAt;
    // Twilio signs the body only as form parameters (or through a bodySHA256 in the URL).
    const bool form = scheme == QLatin1String("twilio");
    const QByteArray signedBody = form ? QByteArray("Digits=42&CallSid=CA1") : body;
    if (form)
        options.contentType = "application/x-www-form-urlencoded";
    Http::HeaderList headers = sign(scheme, secretFor(scheme), signedBody, urlFor(scheme), options).headers;
    if (form)
        headers.append({QByteArray("Content-Type"), options.contentType});
    const Verifier verifier(config({secret(scheme, secretFor(scheme))}, publicUrl));
    QCOMPARE(verifier.verify(request(headers, signedBody, target), signedAt).verdict, Verdict::Valid);
    QByteArray changed = signedBody;
    changed[changed.indexOf("42")] = '3';
    const Result result = verifier.verify(request(headers, changed, target), signedAt);
    QVERIFY2(result.verdict == Verdict::Mismatch, qPrintable(reasonName(result.verdict) + result.detail));
}

void TstSigning::tamperedTimestamp_data()
{
    QTest::addColumn<QString>("scheme");
    for (const QString &id : schemeIds()) {
        if (defaultToleranceSeconds(id) > 0)
            QTest::newRow(qPrintable(id)) << id;
    }
}

void TstSigning::tamperedTimestamp()
{
    // The timestamp is signed: moving it breaks the signature, whatever the tolerance says.
    QFETCH(QString, scheme);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(scheme, secretFor(scheme), body, urlFor(scheme), options);
    // Twitch writes the time as RFC 3339, the others as unix seconds.
    const QByteArray from = scheme == QLatin1String("twitch") ? "T22:13:20." : QByteArray::number(signedAt);
    const QByteArray to = scheme == QLatin1String("twitch") ? "T22:13:21." : QByteArray::number(signedAt + 1);
    const Http::HeaderList moved = replaced(s.headers, from, to);
    QVERIFY(moved != s.headers);
    const Result result = Verifier(config({secret(scheme, secretFor(scheme))}, publicUrl))
                              .verify(request(moved, body, target), signedAt + 1);
    QVERIFY2(result.verdict == Verdict::Mismatch, qPrintable(reasonName(result.verdict) + result.detail));
    QCOMPARE(result.skewSeconds, 0); // arrival minus the (moved) signed time
}

void TstSigning::staleAndEarly()
{
    QFETCH(QString, scheme);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(scheme, secretFor(scheme), body, urlFor(scheme), options);
    const Verifier verifier(config({secret(scheme, secretFor(scheme))}, publicUrl));
    const Http::Request r = request(s.headers, body, target);
    const int tolerance = defaultToleranceSeconds(scheme);

    QCOMPARE(verifier.verify(r, signedAt + tolerance).verdict, Verdict::Valid);
    const Result old = verifier.verify(r, signedAt + tolerance + 1);
    QCOMPARE(old.verdict, Verdict::TimestampTooOld);
    QCOMPARE(old.skewSeconds, tolerance + 1);
    QCOMPARE(old.detail,
             QStringLiteral("signed %1 s before it arrived; tolerance %2 s").arg(tolerance + 1).arg(tolerance));

    // Standard Webhooks, Svix and Slack reject a timestamp from the future as well; Stripe, Paddle,
    // Zoom and Twitch only old ones, as their own libraries do.
    const bool checksFuture =
        QStringList{QStringLiteral("standard-webhooks"), QStringLiteral("svix"), QStringLiteral("slack")}.contains(
            scheme);
    QCOMPARE(verifier.verify(r, signedAt - tolerance).verdict, Verdict::Valid);
    const Result early = verifier.verify(r, signedAt - tolerance - 1);
    QCOMPARE(early.verdict, checksFuture ? Verdict::TimestampTooNew : Verdict::Valid);
    QCOMPARE(early.skewSeconds, -tolerance - 1);
    if (checksFuture)
        QCOMPARE(early.detail,
                 QStringLiteral("signed %1 s after it arrived; tolerance %2 s").arg(tolerance + 1).arg(tolerance));
}

void TstSigning::toleranceOverride()
{
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(u"stripe", "whsec_abc", body, {}, options);
    Config c = config({secret(QStringLiteral("stripe"), "whsec_abc")});
    c.toleranceSeconds.insert(QStringLiteral("stripe"), 10);
    const Http::Request r = request(s.headers, body);
    QCOMPARE(Verifier(c).verify(r, signedAt + 10).verdict, Verdict::Valid);
    QCOMPARE(Verifier(c).verify(r, signedAt + 11).verdict, Verdict::TimestampTooOld);
    // 0: the timestamp is not checked at all.
    c.toleranceSeconds.insert(QStringLiteral("stripe"), 0);
    QCOMPARE(Verifier(c).verify(r, signedAt + 86400).verdict, Verdict::Valid);
    // Another scheme's override changes nothing here.
    c.toleranceSeconds = {{QStringLiteral("github"), 1}};
    QCOMPARE(Verifier(c).verify(r, signedAt + 300).verdict, Verdict::Valid);
    QCOMPARE(Verifier(c).verify(r, signedAt + 301).verdict, Verdict::TimestampTooOld);
}

void TstSigning::rotatedSecrets()
{
    QFETCH(QString, scheme);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(scheme, secretFor(scheme, 2), body, urlFor(scheme), options);
    const Http::Request r = request(s.headers, body, target);
    const Result unnamed =
        Verifier(config({secret(scheme, secretFor(scheme, 1)), secret(scheme, secretFor(scheme, 2))}, publicUrl))
            .verify(r, signedAt);
    QVERIFY2(unnamed.verdict == Verdict::Valid, qPrintable(unnamed.detail));
    QCOMPARE(unnamed.secretLabel, scheme + QLatin1String(" secret 2"));

    // Labels name the secret; numbering counts within the scheme only.
    const Result named = Verifier(config({secret(QStringLiteral("other"), "x"), secret(scheme, secretFor(scheme, 1)),
                                          secret(scheme, secretFor(scheme, 2), QStringLiteral("new key"))},
                                         publicUrl))
                             .verify(r, signedAt);
    QCOMPARE(named.secretLabel, QStringLiteral("new key"));
    const Diagnosis d =
        Verifier(config({secret(scheme, secretFor(scheme, 1)), secret(scheme, secretFor(scheme, 2))}, publicUrl))
            .diagnose(r, signedAt);
    QCOMPARE(d.attempts.size(), 2);
    QVERIFY(!d.attempts.at(0).matched);
    QVERIFY(d.attempts.at(1).matched);
    QCOMPARE(d.attempts.at(0).secretLabel, scheme + QLatin1String(" secret 1"));

    // The old secret alone no longer matches.
    QCOMPARE(Verifier(config({secret(scheme, secretFor(scheme, 1))}, publicUrl)).verify(r, signedAt).verdict,
             Verdict::Mismatch);
}

void TstSigning::severalSignaturesInOneHeader_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("joiner"); // how the second signature is appended
    QTest::addColumn<QByteArray>("prefix"); // what to cut from the second header value first
    QTest::newRow("standard-webhooks") << QStringLiteral("standard-webhooks") << QByteArray("webhook-signature")
                                       << QByteArray(" ") << QByteArray();
    QTest::newRow("svix") << QStringLiteral("svix") << QByteArray("svix-signature") << QByteArray(" ") << QByteArray();
    QTest::newRow("stripe") << QStringLiteral("stripe") << QByteArray("Stripe-Signature") << QByteArray(",")
                            << QByteArray("t=1700000000,");
    QTest::newRow("paddle") << QStringLiteral("paddle") << QByteArray("Paddle-Signature") << QByteArray(";")
                            << QByteArray("ts=1700000000;");
}

void TstSigning::severalSignaturesInOneHeader()
{
    // Key rotation: the sender signs with the old and the new key; either one is enough.
    QFETCH(QString, scheme);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, joiner);
    QFETCH(QByteArray, prefix);
    SignOptions options;
    options.nowSeconds = signedAt;
    options.id = "msg_same";
    const Signed one = sign(scheme, secretFor(scheme, 1), body, {}, options);
    const Signed two = sign(scheme, secretFor(scheme, 2), body, {}, options);
    QByteArray first, second;
    for (const auto &[name, value] : one.headers)
        first = name == header ? value : first;
    for (const auto &[name, value] : two.headers)
        second = name == header ? value : second;
    QVERIFY(second.startsWith(prefix));
    const Http::HeaderList both = withHeader(one.headers, header, first + joiner + second.mid(prefix.size()));
    const Http::Request r = request(both, body);
    for (int n : {1, 2}) {
        const Diagnosis d = Verifier(config({secret(scheme, secretFor(scheme, n))})).diagnose(r, signedAt);
        QVERIFY2(d.result.verdict == Verdict::Valid, qPrintable(d.result.detail));
        QCOMPARE(d.received.size(), 2);
    }
    QCOMPARE(Verifier(config({secret(scheme, secretFor(scheme, 3))})).verify(r, signedAt).verdict, Verdict::Mismatch);
}

void TstSigning::unknownVersionsOnly()
{
    // A well-formed header whose signatures are all of versions this code does not know is a
    // mismatch, not malformed: the specifications ask receivers to skip unknown versions, so the
    // header is valid and simply carries nothing to check.
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(u"standard-webhooks", secretFor(QStringLiteral("standard-webhooks")), body, {}, options);
    const Http::HeaderList v2 = replaced(s.headers, "v1,", "v2,");
    const Result result =
        Verifier(config({secret(QStringLiteral("standard-webhooks"), secretFor(QStringLiteral("standard-webhooks")))}))
            .verify(request(v2, body), signedAt);
    QCOMPARE(result.verdict, Verdict::Mismatch);
    QVERIFY2(result.detail.contains(QLatin1String("v1, v1a")), qPrintable(result.detail));

    const Signed stripe = sign(u"stripe", "sk", body, {}, options);
    const Result v0 = Verifier(config({secret(QStringLiteral("stripe"), "sk")}))
                          .verify(request(replaced(stripe.headers, ",v1=", ",v0="), body), signedAt);
    QCOMPARE(v0.verdict, Verdict::Mismatch);
    QCOMPARE(v0.skewSeconds, 0);
}

void TstSigning::malformedHeaders_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    const auto row = [](const char *name, const char *scheme, const char *header, const char *value) {
        QTest::newRow(name) << QString::fromLatin1(scheme) << QByteArray(header) << QByteArray(value);
    };
    row("sw truncated base64", "standard-webhooks", "webhook-signature", "v1,g0hM9");
    row("sw no comma", "standard-webhooks", "webhook-signature", "v1:abc");
    row("sw empty", "standard-webhooks", "webhook-signature", "");
    row("sw timestamp not a number", "standard-webhooks", "webhook-timestamp", "17e8");
    row("sw v1a short", "standard-webhooks", "webhook-signature", "v1a,AAAA");
    row("svix timestamp negative", "svix", "svix-timestamp", "-5");
    row("github not hex", "github", "X-Hub-Signature-256",
        "sha256=zz5107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    row("github short", "github", "X-Hub-Signature-256", "sha256=7571");
    row("github no algorithm", "github", "X-Hub-Signature-256", "757107ea0eb2509fc211");
    row("stripe no timestamp", "stripe", "Stripe-Signature",
        "v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150");
    row("stripe timestamp not a number", "stripe", "Stripe-Signature",
        "t=soon,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150");
    row("stripe short v1", "stripe", "Stripe-Signature", "t=1700000000,v1=4f1c");
    row("stripe item without =", "stripe", "Stripe-Signature", "t=1700000000,junk");
    row("slack short", "slack", "X-Slack-Signature", "v0=a211");
    row("slack no version", "slack", "X-Slack-Signature", "a2114d57");
    row("slack timestamp", "slack", "X-Slack-Request-Timestamp", "now");
    row("shopify not base64", "shopify", "X-Shopify-Hmac-Sha256", "fake");
    row("twilio not base64", "twilio", "X-Twilio-Signature", "!!!!");
    row("square short", "square", "x-square-hmacsha256-signature", "GF4Y");
    row("paddle short h1", "paddle", "Paddle-Signature", "ts=1700000000;h1=a300");
    row("paddle no ts", "paddle", "Paddle-Signature",
        "h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9");
    row("zoom empty v0", "zoom", "x-zm-signature", "v0=");
    row("twitch short", "twitch", "Twitch-Eventsub-Message-Signature", "sha256=115d");
    row("twitch timestamp not RFC 3339", "twitch", "Twitch-Eventsub-Message-Timestamp", "1573899072");
    row("twitch timestamp bad date", "twitch", "Twitch-Eventsub-Message-Timestamp", "2019-02-30T10:11:12Z");
}

void TstSigning::malformedHeaders()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(scheme, secretFor(scheme), body, urlFor(scheme), options);
    const Http::Request r = request(withHeader(s.headers, header, value), body, target);
    const Result result = Verifier(config({secret(scheme, secretFor(scheme))}, publicUrl)).verify(r, signedAt);
    QVERIFY2(result.verdict == Verdict::MalformedHeader, qPrintable(reasonName(result.verdict) + result.detail));
    QCOMPARE(result.scheme, scheme);
    QVERIFY(!result.detail.isEmpty());
}

void TstSigning::missingCompanionHeader_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("sw id") << QStringLiteral("standard-webhooks") << QByteArray("webhook-id");
    QTest::newRow("sw timestamp") << QStringLiteral("standard-webhooks") << QByteArray("webhook-timestamp");
    QTest::newRow("svix id") << QStringLiteral("svix") << QByteArray("svix-id");
    QTest::newRow("slack timestamp") << QStringLiteral("slack") << QByteArray("X-Slack-Request-Timestamp");
    QTest::newRow("zoom timestamp") << QStringLiteral("zoom") << QByteArray("x-zm-request-timestamp");
    QTest::newRow("twitch id") << QStringLiteral("twitch") << QByteArray("Twitch-Eventsub-Message-Id");
    QTest::newRow("twitch timestamp") << QStringLiteral("twitch") << QByteArray("Twitch-Eventsub-Message-Timestamp");
}

void TstSigning::missingCompanionHeader()
{
    QFETCH(QString, scheme);
    QFETCH(QByteArray, header);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(scheme, secretFor(scheme), body, {}, options);
    const Http::HeaderList without = withHeader(s.headers, header, QByteArray());
    QCOMPARE(without.size(), s.headers.size() - 1);
    const Result result =
        Verifier(config({secret(scheme, secretFor(scheme))})).verify(request(without, body), signedAt);
    QCOMPARE(result.verdict, Verdict::MissingHeader);
    QVERIFY2(result.detail.contains(QString::fromLatin1(header)), qPrintable(result.detail));
}

void TstSigning::ed25519KeyLengths_data()
{
    // The published Standard Webhooks keys: a 32-byte seed, and a 64-byte seed‖public key.
    QTest::addColumn<QByteArray>("secretKey");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::newRow("32-byte seed") << QByteArray("whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=")
                                  << QByteArray("whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=");
    QTest::newRow("64-byte seed and public key")
        << QByteArray("whsk_AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQGKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXA==")
        << QByteArray("whpk_iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=");
}

void TstSigning::ed25519KeyLengths()
{
    QFETCH(QByteArray, secretKey);
    QFETCH(QByteArray, publicKey);
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(u"standard-webhooks", secretKey, body, {}, options);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QVERIFY(s.headers.last().second.startsWith("v1a,"));
    const Http::Request r = request(s.headers, body);
    const QString id = QStringLiteral("standard-webhooks");
    for (const QByteArray &key : {secretKey, publicKey}) {
        const Diagnosis d = Verifier(config({secret(id, key)})).diagnose(r, signedAt);
        QVERIFY2(d.result.verdict == Verdict::Valid,
                 qPrintable(QString::fromLatin1(key) + QLatin1String(": ") + d.result.detail));
        // The secret key shows the signature it expects; a public key cannot make one.
        QCOMPARE(d.attempts.first().expected, key == secretKey ? s.headers.last().second : QByteArray());
    }
    QByteArray changed = body;
    changed.append(' ');
    QCOMPARE(Verifier(config({secret(id, publicKey)})).verify(request(s.headers, changed), signedAt).verdict,
             Verdict::Mismatch);
    // An HMAC secret does not check v1a signatures.
    QCOMPARE(Verifier(config({secret(id, secretFor(id))})).verify(r, signedAt).verdict, Verdict::Mismatch);
}

void TstSigning::ed25519BadKeys()
{
    const QString id = QStringLiteral("standard-webhooks");
    SignOptions options;
    options.nowSeconds = signedAt;
    const Signed s = sign(id, "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=", body, {}, options);
    const Http::Request r = request(s.headers, body);
    // 64 bytes whose second half is not the public key of the first.
    const QByteArray inconsistent = "whsk_" + QByteArray(64, '\x01').toBase64();
    const QByteArray tooShort = "whsk_" + QByteArray(48, '\x01').toBase64();
    for (const QByteArray &bad : {inconsistent, tooShort, QByteArray("whpk_AAAA"), QByteArray("whsec_not*base64")}) {
        const Result result = Verifier(config({secret(id, bad)})).verify(r, signedAt);
        QVERIFY2(result.verdict == Verdict::MalformedHeader,
                 qPrintable(QString::fromLatin1(bad) + QLatin1String(": ") + reasonName(result.verdict)));
        QVERIFY2(result.detail.contains(QLatin1String("cannot be used")), qPrintable(result.detail));
        QVERIFY2(!sign(id, bad, body, {}, options).error.isEmpty(), bad.constData());
    }
    // One unusable secret beside a good one: the good one decides.
    QCOMPARE(Verifier(config({secret(id, tooShort), secret(id, "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=")}))
                 .verify(r, signedAt)
                 .verdict,
             Verdict::Valid);
    const Signed publicOnly = sign(id, "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=", body, {}, options);
    QVERIFY(publicOnly.headers.isEmpty());
    QVERIFY(publicOnly.error.contains(QLatin1String("whsk_")));
}

void TstSigning::githubPrefersSha256()
{
    // GitHub sends both headers; the SHA-256 one decides, so a forged SHA-1 cannot downgrade it.
    const QString id = QStringLiteral("github");
    const Signed s = sign(id, "octo", body);
    QCOMPARE(s.headers.size(), 2);
    QCOMPARE(s.headers.at(0).first, QByteArray("X-Hub-Signature"));
    QCOMPARE(s.headers.at(1).first, QByteArray("X-Hub-Signature-256"));
    const Verifier verifier(config({secret(id, "octo")}));
    const QByteArray badSha1 = "sha1=" + QByteArray(40, '0');
    const QByteArray badSha256 = "sha256=" + QByteArray(64, '0');
    QCOMPARE(verifier.verify(request(withHeader(s.headers, "X-Hub-Signature", badSha1), body), 0).verdict,
             Verdict::Valid);
    QCOMPARE(verifier.verify(request(withHeader(s.headers, "X-Hub-Signature-256", badSha256), body), 0).verdict,
             Verdict::Mismatch);
    // The legacy header alone is still checked, lower-case as some proxies send it.
    const Http::HeaderList legacy{{"x-hub-signature", s.headers.at(0).second}};
    const Diagnosis d = verifier.diagnose(request(legacy, body), 0);
    QCOMPARE(d.result.verdict, Verdict::Valid);
    QCOMPARE(d.headerName, QByteArray("x-hub-signature"));
}

void TstSigning::twilioJsonBodyHash()
{
    const QString id = QStringLiteral("twilio");
    const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    const QByteArray path = "/voice?bodySHA256=" + hash;
    const QString url = publicUrl + QString::fromLatin1(path);
    SignOptions options;
    options.contentType = "application/json";
    const Signed s = sign(id, "token", body, url, options);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    const Verifier verifier(config({secret(id, "token")}, publicUrl));
    Http::HeaderList headers = s.headers;
    headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    QCOMPARE(verifier.verify(request(headers, body, path), 0).verdict, Verdict::Valid);
    // The signature covers only the URL; the hash in it catches a changed body.
    const Result changed = verifier.verify(request(headers, QByteArray(body + ' '), path), 0);
    QCOMPARE(changed.verdict, Verdict::Mismatch);
    QVERIFY2(changed.detail.contains(QLatin1String("bodySHA256")), qPrintable(changed.detail));
    // Signing refuses a URL whose hash is not this body's.
    QVERIFY(!sign(id, "token", QByteArray(body + ' '), url, options).error.isEmpty());
}

void TstSigning::twilioFormParametersSorted()
{
    // The same parameters in another order, one of them percent-encoded differently, sign alike.
    const QString id = QStringLiteral("twilio");
    const QString url = publicUrl + QStringLiteral("/sms");
    SignOptions options;
    options.contentType = "application/x-www-form-urlencoded";
    const QByteArray form = "To=%2B15551234567&Body=hi+there&From=%2b15557654321";
    const QByteArray reordered = "From=%2B15557654321&Body=hi%20there&To=%2B15551234567";
    const Signed s = sign(id, "token", form, url, options);
    Http::HeaderList headers = s.headers;
    headers.append({QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8")});
    const Verifier verifier(config({secret(id, "token")}, publicUrl));
    QCOMPARE(verifier.verify(request(headers, reordered, "/sms"), 0).verdict, Verdict::Valid);
    QCOMPARE(verifier.verify(request(headers, QByteArray(form).replace("hi", "ho"), "/sms"), 0).verdict,
             Verdict::Mismatch);
    const Diagnosis d = verifier.diagnose(request(headers, form, "/sms"), 0);
    QCOMPARE(d.signedBytes, QByteArray(url.toUtf8() + "Bodyhi thereFrom+15557654321To+15551234567"));
    QCOMPARE(d.url, url);
    // Signed as a plain body, the parameters are not part of it.
    QCOMPARE(sign(id, "token", form, url).headers, sign(id, "token", reordered, url).headers);
}

QTEST_GUILESS_MAIN(TstSigning)
#include "tst_signing.moc"
