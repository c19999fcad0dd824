// Microseconds per Verifier::verify() for a few schemes and body sizes. Run by hand on a Release
// build (see README.md); prints figures, asserts nothing.

#include "http/requestreader.h"
#include "signing/signing.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMessageAuthenticationCode>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>

namespace {

Http::Request request(const Http::HeaderList &headers, const QByteArray &body)
{
    QByteArray head = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return Http::RequestReader::restore(head, body, {});
}

/// A JSON body of exactly `size` bytes.
QByteArray jsonBody(qsizetype size)
{
    QByteArray body = "{\"data\":\"";
    body += QByteArray(size - body.size() - 2, 'x');
    body += "\"}";
    return body;
}

double microsecondsPerVerify(const Signing::Verifier &verifier, const Http::Request &r, qint64 now)
{
    // Warm up, then run for about half a second.
    if (verifier.verify(r, now).verdict != Signing::Verdict::Valid)
        return -1;
    QElapsedTimer timer;
    timer.start();
    qint64 runs = 0;
    while (timer.nsecsElapsed() < 500'000'000) {
        for (int i = 0; i < 16; ++i)
            (void)verifier.verify(r, now);
        runs += 16;
    }
    return double(timer.nsecsElapsed()) / 1000.0 / double(runs);
}

/// Microseconds per call of `f`, run for about half a second.
template<typename F>
double microsecondsPer(F f)
{
    f();
    QElapsedTimer timer;
    timer.start();
    qint64 runs = 0;
    while (timer.nsecsElapsed() < 500'000'000) {
        f();
        ++runs;
    }
    return double(timer.nsecsElapsed()) / 1000.0 / double(runs);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    struct Case
    {
        const char *name;
        const char *scheme;
        QByteArray secret;
    };
    const QList<Case> cases = {
        {"github", "github", "github-secret"},
        {"stripe", "stripe", "whsec_stripesecret"},
        {"standard-webhooks v1", "standard-webhooks", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
        {"standard-webhooks v1a (whsk_)", "standard-webhooks", "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk="},
    };
    constexpr qint64 now = 1700000000;
    std::printf("%-32s %12s %12s\n", "scheme", "1 KiB (us)", "64 KiB (us)");
    for (const Case &c : cases) {
        std::printf("%-32s", c.name);
        for (qsizetype size : {qsizetype(1024), qsizetype(64 * 1024)}) {
            const QByteArray body = jsonBody(size);
            Signing::SignOptions options;
            options.nowSeconds = now;
            const Signing::Signed s = Signing::sign(QString::fromLatin1(c.scheme), c.secret, body, {}, options);
            Signing::Config config;
            config.secrets = {{QString::fromLatin1(c.scheme), c.secret, {}, {}}};
            std::printf(" %12.2f", microsecondsPerVerify(Signing::Verifier(config), request(s.headers, body), now));
        }
        std::printf("\n");
    }
    // The public key alone (what a receiver usually holds for v1a).
    std::printf("%-32s", "standard-webhooks v1a (whpk_)");
    for (qsizetype size : {qsizetype(1024), qsizetype(64 * 1024)}) {
        const QByteArray body = jsonBody(size);
        Signing::SignOptions options;
        options.nowSeconds = now;
        const Signing::Signed s =
            Signing::sign(u"standard-webhooks", "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=", body, {}, options);
        Signing::Config config;
        config.secrets = {
            {QStringLiteral("standard-webhooks"), "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=", {}, {}}};
        std::printf(" %12.2f", microsecondsPerVerify(Signing::Verifier(config), request(s.headers, body), now));
    }
    std::printf("\n");

    // Where the time of the HMAC schemes goes: the HMAC itself, through Qt and through libcrypto.
    volatile char sink = 0;
    for (const auto &[label, useQt] :
         {std::pair{"HMAC-SHA256 alone, Qt", true}, std::pair{"HMAC-SHA256 alone, libcrypto", false}}) {
        std::printf("%-32s", label);
        for (qsizetype size : {qsizetype(1024), qsizetype(64 * 1024)}) {
            const QByteArray body = jsonBody(size);
            const QByteArray key = "github-secret";
            std::printf(" %12.2f", microsecondsPer([&] {
                            if (useQt) {
                                sink = sink +
                                       QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256).at(0);
                            } else {
                                unsigned char mac[EVP_MAX_MD_SIZE];
                                unsigned int length = 0;
                                HMAC(EVP_sha256(), key.constData(), int(key.size()),
                                     reinterpret_cast<const unsigned char *>(body.constData()), size_t(body.size()),
                                     mac, &length);
                                sink = sink + char(mac[0]);
                            }
                        }));
        }
        std::printf("\n");
    }
    return 0;
}
