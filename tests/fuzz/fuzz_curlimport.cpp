// libFuzzer target for Delivery::importCurl and Delivery::curlCommand(Message).
//
// Input: the text of a pasted command. Files are looked for in a directory that does not exist,
// so relative @file names fail the same way on every machine. Checks:
// - an import either succeeds with at least one http(s) destination, or fails with a reason;
// - Copy as curl of an imported message, imported again, is the same message: method,
//   destinations, header rows (order, case, duplicates, emptied defaults), body, chunked, and the
//   connection options curl can carry, with no warning on the way back.
//
// Any violation prints what broke to stderr and aborts, so libFuzzer and the replay runner stop.

#include "delivery/curlcommand.h"
#include "delivery/curlimport.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_curlimport: %s\n%s\n", what, detail.toLocal8Bit().constData());
    std::abort();
}

bool sameMessage(const Delivery::Message &a, const Delivery::Message &b)
{
    return a.method == b.method && a.destinations == b.destinations && a.headers == b.headers && a.body == b.body &&
           a.bodyFile == b.bodyFile && a.chunked == b.chunked && a.client.tls.insecure == b.client.tls.insecure &&
           a.client.totalTimeoutMs == b.client.totalTimeoutMs &&
           a.client.connectTimeoutMs == b.client.connectTimeoutMs &&
           a.client.useEnvironmentProxy == b.client.useEnvironmentProxy && a.retry.maxAttempts == b.retry.maxAttempts;
}

QString describe(const Delivery::Message &m)
{
    QString out = QString::fromLatin1(m.method.toPercentEncoding(" /:;@,")) + QLatin1Char(' ');
    for (const QUrl &url : m.destinations)
        out += url.toString() + QLatin1Char(' ');
    for (const auto &[name, value] : m.headers)
        out += QLatin1String("\n  ") + QString::fromLatin1(name.toPercentEncoding(" /:;@,")) + QLatin1String(": ") +
               QString::fromLatin1(value.toPercentEncoding(" /:;@,*"));
    out += QLatin1String("\n  body ") + QString::fromLatin1(m.body.toPercentEncoding(" /:;@,{}\"")) +
           QLatin1String(m.chunked ? " chunked" : "");
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 64 * 1024)
        return 0;
    Delivery::CurlImportOptions options;
    options.workingDirectory = QStringLiteral("/nonexistent-hookscope-fuzz");
    options.formBoundary = "------------------------fuzzfuzzfuzzfuzz";
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Delivery::CurlImport first = Delivery::importCurl(text, options);
    if (!first.ok())
        return 0;
    if (first.message.destinations.isEmpty())
        fail("an import succeeded without a destination", text);
    for (const QUrl &url : first.message.destinations) {
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            fail("an import gave a destination that is not an http(s) URL", url.toString());
    }
    // A body file is only made for a large file, which the fuzzer has none of.
    const QString command = Delivery::curlCommand(first.message);
    const Delivery::CurlImport again = Delivery::importCurl(command, options);
    if (!again.ok())
        fail("Copy as curl of an imported message does not import", again.error + QLatin1Char('\n') + command);
    if (!again.warnings.isEmpty())
        fail("Copy as curl of an imported message imports with warnings",
             again.warnings.join(QLatin1Char('\n')) + QLatin1Char('\n') + command);
    if (!sameMessage(first.message, again.message)) {
        fail("Copy as curl of an imported message imports as another message",
             text + QLatin1Char('\n') + command + QLatin1String("\nfirst:\n") + describe(first.message) +
                 QLatin1String("\nagain:\n") + describe(again.message));
    }
    return 0;
}
