#include "curlcommand.h"

#include "http/request.h"
#include "session/capturedrequest.h"

#include <QChar>
#include <QCoreApplication>

#include <algorithm>

namespace Delivery {

namespace {

// Linux refuses a single argument longer than 128 KiB (MAX_ARG_STRLEN) when it starts curl, so a
// larger body cannot be an argument; it goes through printf, a shell builtin, instead.
constexpr qsizetype kMaxInlineBody = 64 * 1024;

struct CodePoint
{
    char32_t value = 0;
    int length = 0; ///< 0: the bytes at this place are not UTF-8
};

// Strict: overlong forms, surrogates and values past U+10FFFF are not UTF-8.
CodePoint decodeUtf8(QByteArrayView s, qsizetype i)
{
    const auto lead = static_cast<uchar>(s[i]);
    if (lead < 0x80)
        return {lead, 1};
    int length = 0;
    char32_t value = 0;
    char32_t smallest = 0;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        value = lead & 0x1fu;
        smallest = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        value = lead & 0x0fu;
        smallest = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        value = lead & 0x07u;
        smallest = 0x10000;
    } else {
        return {};
    }
    if (i + length > s.size())
        return {};
    for (int k = 1; k < length; ++k) {
        const auto b = static_cast<uchar>(s[i + k]);
        if ((b & 0xc0) != 0x80)
            return {};
        value = (value << 6) | (b & 0x3fu);
    }
    if (value < smallest || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
        return {};
    return {value, length};
}

// Whether a character reads as itself in the command. Controls are escaped because a pasted ESC
// can end a terminal's bracketed paste and run the rest as typed; invisible, look-alike spacing
// and bidi characters because they make the command read differently from what it sends.
bool showsAsItself(char32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c != 0x7f;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

// Calls shown(QByteArrayView character) for each character that can stay as it is, and
// escaped(uchar byte) for each byte of everything else.
template<typename Shown, typename Escaped>
void forEachCharacter(QByteArrayView s, Shown shown, Escaped escaped)
{
    qsizetype i = 0;
    while (i < s.size()) {
        const CodePoint c = decodeUtf8(s, i);
        if (c.length == 0) {
            escaped(static_cast<uchar>(s[i]));
            ++i;
            continue;
        }
        if (showsAsItself(c.value)) {
            shown(s.sliced(i, c.length));
        } else {
            for (int k = 0; k < c.length; ++k)
                escaped(static_cast<uchar>(s[i + k]));
        }
        i += c.length;
    }
}

bool isPrintableText(QByteArrayView s, bool allowNewline)
{
    bool printable = true;
    forEachCharacter(
        s, [](QByteArrayView) {}, [&](uchar b) { printable = printable && allowNewline && b == '\n'; });
    return printable;
}

bool isBareWordChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("_-./@%+=,").contains(c);
}

void appendHex(QByteArray &out, uchar b)
{
    static constexpr char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[b >> 4];
    out += digits[b & 0xf];
}

/// `s` as one shell word: bare when that is safe in sh, bash and zsh; in single quotes when it is
/// printable text; otherwise in bash's $'...' with \xHH escapes for the bytes that need them.
QByteArray shellWord(QByteArrayView s, bool allowNewline = false)
{
    if (!s.isEmpty() && s.front() != '=' && std::all_of(s.begin(), s.end(), isBareWordChar))
        return s.toByteArray();
    if (isPrintableText(s, allowNewline))
        return '\'' + s.toByteArray().replace('\'', "'\\''") + '\'';
    QByteArray out = "$'";
    forEachCharacter(
        s,
        [&](QByteArrayView c) {
            if (c == "\\" || c == "'")
                out += '\\';
            out += c;
        },
        [&](uchar b) {
            if (b == '\t')
                out += "\\t";
            else if (b == '\n')
                out += "\\n";
            else if (b == '\r')
                out += "\\r";
            else
                appendHex(out, b);
        });
    out += '\'';
    return out;
}

/// A single-quoted printf format that prints exactly `bytes`. POSIX printf knows \ddd octal
/// escapes in the format (up to three digits, so three are always written), \n, \t, \r and \\.
QByteArray printfFormat(QByteArrayView bytes)
{
    QByteArray out = "'";
    forEachCharacter(
        bytes,
        [&](QByteArrayView c) {
            if (c == "\\")
                out += "\\\\";
            else if (c == "%")
                out += "%%";
            else if (c == "'")
                out += "\\047";
            else if (c == "-" && out.size() == 1)
                out += "\\055"; // a leading '-' would be read as an option
            else
                out += c;
        },
        [&](uchar b) {
            if (b == '\t') {
                out += "\\t";
            } else if (b == '\n') {
                out += "\\n";
            } else if (b == '\r') {
                out += "\\r";
            } else {
                out += '\\';
                out += char('0' + (b >> 6));
                out += char('0' + ((b >> 3) & 7));
                out += char('0' + (b & 7));
            }
        });
    out += '\'';
    return out;
}

struct Target
{
    QByteArray origin;  ///< scheme://host:port
    QByteArray target;  ///< what goes on the request line
    bool inUrl = false; ///< curl's URL parser leaves it as it is
};

Target makeTarget(const Session::CapturedRequest &captured, const QUrl &base)
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

qsizetype countHeaders(const Http::Request &r, QByteArrayView name, qsizetype *firstIndex = nullptr)
{
    qsizetype count = 0;
    for (qsizetype i = r.headerCount() - 1; i >= 0; --i) {
        if (Http::equalsIgnoreCase(r.header(i).name, name)) {
            ++count;
            if (firstIndex)
                *firstIndex = i;
        }
    }
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

} // namespace

QString curlCommand(const Session::CapturedRequest &captured, const QUrl &base, const CurlOptions &options)
{
    const Http::Request &r = captured.request;
    if (!r.hasRequestLine())
        return {};
    const Target target = makeTarget(captured, base);
    QList<QByteArray> parts;

    const bool withBody = sendsBody(r);
    const QByteArray &body = r.body();
    const bool inlineBody = withBody && body.size() <= kMaxInlineBody && isPrintableText(body, options.multiline);
    if (withBody && !inlineBody)
        parts.append("printf " + printfFormat(body) + " |");

    // -q must come first: it keeps ~/.curlrc from adding options to the request.
    QByteArray curl = "curl -q";
    curl += r.versionMajor() == 1 && r.versionMinor() == 0 ? " --http1.0" : " --http1.1";
    curl += " --path-as-is --globoff";
    const QByteArrayView method = r.method();
    if (method == "HEAD" && !withBody)
        curl += " --head"; // -X HEAD would make curl wait for a body that never comes
    else if (method != (withBody ? "POST" : "GET"))
        curl += " -X " + shellWord(method);
    curl += ' ' + shellWord(QByteArray(target.origin + (target.inUrl ? target.target : QByteArray())));
    parts.append(curl);
    if (!target.inUrl)
        parts.append("--request-target " + shellWord(target.target));

    // curl puts a custom Host first, as "Host", and sends only the first one. An empty "Host:"
    // ahead of them turns curl's own Host off; then every Host line is sent like any other
    // header: in its place, in its case.
    qsizetype firstHost = -1;
    const qsizetype hostCount = countHeaders(r, "Host", &firstHost);
    if (hostCount > 1 || (hostCount == 1 && (firstHost != 0 || r.header(0).name != "Host")) ||
        (hostCount == 0 && !options.includeCurlDefaults)) {
        parts.append("-H 'Host:'");
    }
    for (qsizetype i = 0; i < r.headerCount(); ++i) {
        const Http::Field f = r.header(i);
        // curl drops "Name:" with nothing after it; "Name;" is its way to send an empty value.
        QByteArray line = f.name.toByteArray();
        if (f.value.isEmpty())
            line += ';';
        else
            line += ": " + f.value.toByteArray();
        parts.append("-H " + shellWord(line));
    }
    if (!options.includeCurlDefaults) {
        for (QByteArrayView name : missingCurlDefaults(r)) {
            if (name != "Host")
                parts.append("-H " + shellWord(QByteArray(name.toByteArray() + ':')));
        }
    }

    if (inlineBody)
        parts.append("--data-raw " + shellWord(body, true)); // --data-binary would read a file for '@...'
    else if (withBody)
        parts.append("--data-binary @-");

    return QString::fromUtf8(parts.join(options.multiline ? " \\\n  " : " "));
}

QStringList curlDifferences(const Session::CapturedRequest &captured, const CurlOptions &options)
{
    const Http::Request &r = captured.request;
    QStringList out;
    if (captured.rejected) {
        out += QCoreApplication::translate(
                   "Delivery::CurlCommand",
                   "Hookscope rejected this request (%1); the command sends only what was read of it.")
                   .arg(captured.errorReason);
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

} // namespace Delivery
