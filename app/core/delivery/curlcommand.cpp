#include "curlcommand.h"
#include "shellquote.h"

#include "http/outgoingrequest.h"
#include "http/request.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace Delivery {

namespace {

struct Target
{
    QByteArray origin;  ///< scheme://host:port
    QByteArray target;  ///< what goes on the request line
    bool inUrl = false; ///< curl's URL parser leaves it as it is
};

Target makeTarget(const CurlSource &captured, const QUrl &base)
{
    Target t;
    QByteArray prefix;
    if (base.isValid() && !base.host().isEmpty()) {
        // User info would make curl add an Authorization header.
        t.origin = base.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                       .toEncoded();
        prefix = base.path(QUrl::FullyEncoded).toLatin1();
        while (prefix.endsWith('/'))
            prefix.chop(1);
    } else {
        QUrl fallback;
        fallback.setScheme(captured.tls ? QStringLiteral("https") : QStringLiteral("http"));
        fallback.setHost(QStringLiteral("localhost"));
        if (captured.localPort != 0)
            fallback.setPort(captured.localPort);
        t.origin = fallback.toEncoded();
    }
    const QByteArrayView target = captured.request.target();
    t.target = target.startsWith('/') ? prefix + target.toByteArray() : target.toByteArray();
    // Tried with curl 7.88: with --path-as-is and --globoff, an origin-form target of printable
    // ASCII passes through the URL unchanged (dot segments, [] {}, %2F, an empty query). curl
    // drops a fragment and percent-encodes other bytes in the path; anything but origin-form is
    // not a URL path at all. Those go on the request line through --request-target instead.
    t.inUrl = t.target.startsWith('/') && !t.target.contains('#') &&
              std::all_of(t.target.cbegin(), t.target.cend(), [](char c) { return c > 0x20 && c < 0x7f; });
    return t;
}

qsizetype countHeaders(const Http::Request &r, QByteArrayView name)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        count += Http::equalsIgnoreCase(r.header(i).name, name) ? 1 : 0;
    return count;
}

// Whether the body goes out as it is: a chunked request always sends its terminating chunk, even
// when the body is empty.
bool sendsBody(const Http::Request &r)
{
    return !r.body().isEmpty() || r.isChunked();
}

/// The headers curl adds by default that the request lacks.
QList<QByteArrayView> missingCurlDefaults(const Http::Request &r)
{
    QList<QByteArrayView> missing;
    QList<QByteArrayView> defaults = {"Host", "User-Agent", "Accept"};
    // curl adds Expect: 100-continue above a size that differs between versions (1 KiB before
    // 7.69, 1 MiB since); it is suppressed for any body.
    if (sendsBody(r))
        defaults << "Content-Type"
                 << "Expect";
    for (QByteArrayView name : defaults) {
        if (countHeaders(r, name) == 0)
            missing.append(name);
    }
    return missing;
}

bool isCanonicalFieldLine(const QByteArray &head, const Http::Field &f)
{
    const qsizetype nameEnd = f.name.data() - head.constData() + f.name.size();
    const qsizetype valueStart = f.value.data() - head.constData();
    const qsizetype valueEnd = valueStart + f.value.size();
    const QByteArrayView between(head.constData() + nameEnd, valueStart - nameEnd);
    return between == (f.value.isEmpty() ? QByteArrayView(":") : QByteArrayView(": ")) &&
           QByteArrayView(head).sliced(valueEnd).startsWith("\r\n");
}

struct HeaderOption
{
    QByteArrayView name;
    QByteArrayView value;
    bool remove = false; ///< -H 'Name:': curl leaves its own header of that name out
};

// -H options that make curl send exactly the header lines of `headers` (order, case, duplicates,
// empty values). `curlAddsHost`: without a Host among them, curl's own Host may be sent.
void appendHeaderOptions(QList<QByteArray> &parts, const QList<HeaderOption> &headers, bool curlAddsHost)
{
    // curl puts a custom Host first, as "Host", and sends only the first one. An empty "Host:"
    // ahead of them turns curl's own Host off; then every Host line is sent like any other
    // header: in its place, in its case.
    qsizetype firstHost = -1;
    qsizetype hostCount = 0;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (!headers.at(i).remove && Http::equalsIgnoreCase(headers.at(i).name, "Host") && hostCount++ == 0)
            firstHost = i;
    }
    if (hostCount > 1 || (hostCount == 1 && (firstHost != 0 || headers.at(0).name != "Host")) ||
        (hostCount == 0 && !curlAddsHost)) {
        parts.append("-H 'Host:'");
    }
    for (const HeaderOption &h : headers) {
        // curl drops "Name:" with nothing after it; "Name;" is its way to send an empty value.
        QByteArray line = h.name.toByteArray();
        if (h.remove)
            line += ':';
        else if (h.value.isEmpty())
            line += ';';
        else
            line += ": " + h.value.toByteArray();
        parts.append("-H " + Shell::word(line));
    }
}

bool isInlineBody(const QByteArray &body, bool multiline)
{
    return body.size() <= Shell::kMaxInlineBody && Shell::isPrintableText(body, multiline);
}

// The body option: inline, or from the printf in front of curl.
void appendBodyOption(QList<QByteArray> &parts, const QByteArray &body, bool inlineBody)
{
    if (inlineBody)
        parts.append("--data-raw " + Shell::word(body, true)); // --data-binary would read a file for '@...'
    else
        parts.append("--data-binary @-");
}

} // namespace

QString curlCommand(const CurlSource &captured, const QUrl &base, const CurlOptions &options)
{
    const Http::Request &r = captured.request;
    if (!r.hasRequestLine())
        return {};
    const Target target = makeTarget(captured, base);
    QList<QByteArray> parts;

    const bool withBody = sendsBody(r);
    const QByteArray &body = r.body();
    const bool inlineBody = withBody && isInlineBody(body, options.multiline);
    if (withBody && !inlineBody)
        parts.append("printf " + Shell::printfFormat(body) + " |");

    // -q must come first: it keeps ~/.curlrc from adding options to the request.
    QByteArray curl = "curl -q";
    curl += r.versionMajor() == 1 && r.versionMinor() == 0 ? " --http1.0" : " --http1.1";
    curl += " --path-as-is --globoff";
    const QByteArrayView method = r.method();
    if (method == "HEAD" && !withBody)
        curl += " --head"; // -X HEAD would make curl wait for a body that never comes
    else if (method != (withBody ? "POST" : "GET"))
        curl += " -X " + Shell::word(method);
    curl += ' ' + Shell::word(QByteArray(target.origin + (target.inUrl ? target.target : QByteArray())));
    parts.append(curl);
    if (!target.inUrl)
        parts.append("--request-target " + Shell::word(target.target));

    QList<HeaderOption> headers;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        headers.append({r.header(i).name, r.header(i).value, false});
    appendHeaderOptions(parts, headers, options.includeCurlDefaults);
    if (!options.includeCurlDefaults) {
        for (QByteArrayView name : missingCurlDefaults(r)) {
            if (name != "Host")
                parts.append("-H " + Shell::word(QByteArray(name.toByteArray() + ':')));
        }
    }

    if (withBody)
        appendBodyOption(parts, body, inlineBody);
    return QString::fromUtf8(parts.join(options.multiline ? " \\\n  " : " "));
}

QStringList curlDifferences(const CurlSource &captured, const CurlOptions &options)
{
    const Http::Request &r = captured.request;
    QStringList out;
    if (!captured.rejectedBecause.isEmpty()) {
        out += QCoreApplication::translate(
                   "Delivery::CurlCommand",
                   "Hookscope rejected this request (%1); the command sends only what was read of it.")
                   .arg(captured.rejectedBecause);
    }
    if (!r.hasRequestLine()) {
        out += QCoreApplication::translate("Delivery::CurlCommand",
                                           "The request line was not received, so there is nothing to send.");
        return out;
    }
    if (r.versionMajor() != 1 || r.versionMinor() > 1) {
        out += QCoreApplication::translate("Delivery::CurlCommand", "curl sends HTTP/1.1, not %1.")
                   .arg(QString::fromLatin1(r.httpVersion()));
    }
    if (r.isChunked()) {
        out += QCoreApplication::translate(
            "Delivery::CurlCommand",
            "curl chunks the body itself: the body bytes are the same, the chunk sizes are not, and "
            "chunk extensions are left out.");
    }
    if (r.trailerCount() > 0) {
        QStringList names;
        for (qsizetype i = 0; i < r.trailerCount(); ++i)
            names += QString::fromLatin1(r.trailer(i).name);
        out += QCoreApplication::translate("Delivery::CurlCommand", "curl cannot send trailer fields; left out: %1.")
                   .arg(names.join(QStringLiteral(", ")));
    }
    for (qsizetype i = 0; i < r.headerCount(); ++i) {
        if (!isCanonicalFieldLine(r.rawHead(), r.header(i))) {
            out += QCoreApplication::translate("Delivery::CurlCommand",
                                               "Spacing in header lines is sent as \"Name: value\", not as received.");
            break;
        }
    }
    if (r.isHead() && sendsBody(r)) {
        out += QCoreApplication::translate(
            "Delivery::CurlCommand",
            "curl sends a HEAD request with a body but then waits for a response body; stop it when "
            "the answer is in.");
    }
    if (options.includeCurlDefaults) {
        QStringList names;
        for (QByteArrayView name : missingCurlDefaults(r)) {
            if (name != "Expect") // curl adds that only for large bodies
                names += QString::fromLatin1(name);
        }
        if (!names.isEmpty())
            out += QCoreApplication::translate("Delivery::CurlCommand", "curl adds headers of its own: %1.")
                       .arg(names.join(QStringLiteral(", ")));
    }
    return out;
}

namespace {

bool isDefaultName(QByteArrayView name)
{
    for (QByteArrayView d : {"Host", "User-Agent", "Content-Length", "Transfer-Encoding"}) {
        if (Http::equalsIgnoreCase(name, d))
            return true;
    }
    return false;
}

bool hasHeader(const Http::HeaderList &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
                       [name](const auto &h) { return Http::equalsIgnoreCase(h.first, name); });
}

QByteArray seconds(int ms)
{
    QByteArray s = QByteArray::number(ms / 1000.0, 'f', 3);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s;
}

} // namespace

QString curlCommand(const Message &m, const CurlOptions &options)
{
    if (m.destinations.isEmpty())
        return {};
    const bool fileBody = !m.bodyFile.isEmpty();
    const qint64 size = fileBody ? QFileInfo(m.bodyFile).size() : m.body.size();
    const Http::HeaderList resolved =
        Http::OutgoingRequest::withDefaults(m.headers, m.destinations.first(), size, m.chunked, m.method);
    // curl sends a body only when given data; an empty one only matters when chunked ("0\r\n\r\n").
    const bool withBody = fileBody || !m.body.isEmpty() || m.chunked;
    const bool inlineBody = withBody && !fileBody && isInlineBody(m.body, options.multiline);

    QList<QByteArray> parts;
    if (withBody && !fileBody && !inlineBody)
        parts.append("printf " + Shell::printfFormat(m.body) + " |");
    QByteArray curl = "curl -q --http1.1 --path-as-is --globoff";
    if (m.method == "HEAD" && !withBody)
        curl += " --head";
    else if (m.method != (withBody ? "POST" : "GET"))
        curl += " -X " + Shell::word(m.method);
    if (m.client.tls.insecure)
        curl += " -k";
    const Http::ClientOptions defaults;
    if (m.client.connectTimeoutMs != defaults.connectTimeoutMs)
        curl += " --connect-timeout " + seconds(m.client.connectTimeoutMs);
    if (m.client.totalTimeoutMs != defaults.totalTimeoutMs)
        curl += " --max-time " + seconds(m.client.totalTimeoutMs);
    if (m.retry.maxAttempts > 1)
        curl += " --retry " + QByteArray::number(m.retry.maxAttempts - 1);
    if (!m.client.useEnvironmentProxy)
        curl += " --noproxy '*'";
    for (const QUrl &url : m.destinations)
        curl += ' ' + Shell::word(url.toEncoded());
    parts.append(curl);

    // The defaults withDefaults puts in front (Host aside: curl's is the same, per URL), then the
    // message's own headers, emptied defaults as curl's way to leave its own out.
    QList<HeaderOption> headers;
    qsizetype kept = 0;
    for (const auto &h : m.headers)
        kept += h.second.isEmpty() && isDefaultName(h.first) ? 0 : 1;
    for (qsizetype i = 0; i < resolved.size() - kept; ++i) {
        if (!Http::equalsIgnoreCase(resolved.at(i).first, "Host"))
            headers.append({resolved.at(i).first, resolved.at(i).second, false});
    }
    for (const auto &h : m.headers)
        headers.append({h.first, h.second, h.second.isEmpty() && isDefaultName(h.first)});
    appendHeaderOptions(parts, headers, true);
    if (!hasHeader(m.headers, "Accept"))
        parts.append("-H 'Accept:'");
    if (withBody && !hasHeader(m.headers, "Content-Type"))
        parts.append("-H 'Content-Type:'");
    if (withBody && !hasHeader(m.headers, "Expect"))
        parts.append("-H 'Expect:'");

    if (fileBody)
        parts.append("--data-binary " + Shell::word(QByteArray('@' + m.bodyFile.toLocal8Bit())));
    else if (withBody)
        appendBodyOption(parts, m.body, inlineBody);
    return QString::fromUtf8(parts.join(options.multiline ? " \\\n  " : " "));
}

QStringList curlDifferences(const Message &m)
{
    QStringList out;
    const auto tr = [](const char *text) { return QCoreApplication::translate("Delivery::CurlCommand", text); };
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{[^{}]+\\}\\}"));
    bool placeholders = QString::fromUtf8(m.body).contains(placeholder);
    for (const auto &h : m.headers)
        placeholders = placeholders || QString::fromUtf8(h.first + h.second).contains(placeholder);
    if (placeholders)
        out += tr("curl sends the {{placeholders}} as written; Hookscope fills them in for each message.");
    if (!m.signScheme.isEmpty())
        out += tr("curl does not sign: the signature headers Hookscope adds for each attempt are not in the "
                  "command.");
    if (!m.client.tls.pinnedSha256.isEmpty() && !m.client.tls.insecure)
        out += tr("The certificates accepted for this destination are not known to curl; it checks against the "
                  "CA store.");
    if (m.retry.maxAttempts > 1)
        out += tr("curl retries at its own intervals, not with this message's backoff.");
    return out;
}

} // namespace Delivery
