// Which failures the sender retries and how long it waits: backoff, jitter, caps, Retry-After.

#include "delivery/sender.h"
#include "http/responsereader.h"

#include <QDateTime>
#include <QtTest>

namespace {

Http::ExchangeResult response(const QByteArray &bytes)
{
    Http::ResponseReader reader;
    reader.expectResponseTo("POST");
    Http::ExchangeResult r;
    if (reader.feed(bytes).event != Http::ResponseReader::Event::MessageComplete)
        return r;
    r.outcome = Http::ExchangeResult::Outcome::Response;
    r.response = reader.takeResponse();
    return r;
}

Http::ExchangeResult status(int code, const QByteArray &headers = {})
{
    return response("HTTP/1.1 " + QByteArray::number(code) + " X\r\n" + headers + "Content-Length: 0\r\n\r\n");
}

Http::ExchangeResult failure(Http::ExchangeResult::Outcome outcome)
{
    Http::ExchangeResult r;
    r.outcome = outcome;
    return r;
}

} // namespace

class TstRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whatIsRetried();
    void switchesTurnKindsOff();
    void backoffDoublesUpToTheCap();
    void jitterStaysInItsBand();
    void retryAfterSecondsAndDates();
};

void TstRetryPolicy::whatIsRetried()
{
    using O = Http::ExchangeResult::Outcome;
    const Delivery::RetryPolicy p;
    QVERIFY(p.retries(status(500)));
    QVERIFY(p.retries(status(503)));
    QVERIFY(p.retries(status(429)));
    QVERIFY(p.retries(status(408)));
    QVERIFY(!p.retries(status(200)));
    QVERIFY(!p.retries(status(301)));
    QVERIFY(!p.retries(status(400)));
    QVERIFY(!p.retries(status(401)));
    QVERIFY(!p.retries(status(404)));
    QVERIFY(p.retries(failure(O::ConnectFailed)));
    QVERIFY(p.retries(failure(O::ConnectionClosed)));
    QVERIFY(p.retries(failure(O::ConnectTimeout)));
    QVERIFY(p.retries(failure(O::Timeout)));
    QVERIFY(!p.retries(failure(O::TlsFailed)));   // the certificate will not change
    QVERIFY(!p.retries(failure(O::BadResponse))); // nor will a server that does not speak HTTP
    QVERIFY(!p.retries(failure(O::BodyUnreadable)));
    QVERIFY(!p.retries(failure(O::Cancelled)));
}

void TstRetryPolicy::switchesTurnKindsOff()
{
    using O = Http::ExchangeResult::Outcome;
    Delivery::RetryPolicy p;
    p.on5xx = p.on429 = p.on408 = p.onTimeout = p.onConnectionError = false;
    QVERIFY(!p.retries(status(503)));
    QVERIFY(!p.retries(status(429)));
    QVERIFY(!p.retries(status(408)));
    QVERIFY(!p.retries(failure(O::Timeout)));
    QVERIFY(!p.retries(failure(O::ConnectFailed)));
}

void TstRetryPolicy::backoffDoublesUpToTheCap()
{
    Delivery::RetryPolicy p;
    p.jitter = 0;
    p.initialDelayMs = 500;
    p.maxDelayMs = 5000;
    const auto failed = status(503);
    QCOMPARE(p.delayMs(2, failed, 0), 500);
    QCOMPARE(p.delayMs(3, failed, 0), 1000);
    QCOMPARE(p.delayMs(4, failed, 0), 2000);
    QCOMPARE(p.delayMs(5, failed, 0), 4000);
    QCOMPARE(p.delayMs(6, failed, 0), 5000);
    QCOMPARE(p.delayMs(60, failed, 0), 5000); // no overflow far out
}

void TstRetryPolicy::jitterStaysInItsBand()
{
    Delivery::RetryPolicy p;
    p.initialDelayMs = 1000;
    p.jitter = 0.2;
    qint64 low = 1'000'000, high = 0;
    for (int i = 0; i < 2000; ++i) {
        const qint64 d = p.delayMs(2, status(503), 0);
        low = std::min(low, d);
        high = std::max(high, d);
    }
    QVERIFY2(low >= 800 && high <= 1200, qPrintable(QStringLiteral("%1..%2").arg(low).arg(high)));
    QVERIFY2(high - low > 200, "waits are spread, so retries of many senders do not arrive together");
}

void TstRetryPolicy::retryAfterSecondsAndDates()
{
    Delivery::RetryPolicy p;
    p.jitter = 0;
    p.maxDelayMs = 60'000;
    QCOMPARE(p.delayMs(2, status(429, "Retry-After: 7\r\n"), 0), 7000);
    QCOMPARE(p.delayMs(2, status(503, "Retry-After:  0 \r\n"), 0), 0);
    QCOMPARE(p.delayMs(2, status(503, "Retry-After: 3600\r\n"), 0), 60'000); // capped
    const qint64 now = QDateTime(QDate(2026, 12, 4), QTime(10, 0, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(p.delayMs(2, status(503, "Retry-After: Fri, 04 Dec 2026 10:00:30 GMT\r\n"), now), 30'000);
    QCOMPARE(p.delayMs(2, status(503, "Retry-After: Fri, 04 Dec 2026 09:00:00 GMT\r\n"), now), 0); // past
    QCOMPARE(p.delayMs(2, status(503, "Retry-After: soon\r\n"), now), 1000); // unreadable: backoff
    p.honourRetryAfter = false;
    QCOMPARE(p.delayMs(2, status(429, "Retry-After: 7\r\n"), 0), 1000);
}

QTEST_GUILESS_MAIN(TstRetryPolicy)
#include "tst_retrypolicy.moc"
