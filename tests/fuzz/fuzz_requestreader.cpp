// libFuzzer target for Http::RequestReader.
//
// Input layout: byte 0 picks the limits, byte 1 picks how the stream is cut into arrivals, the rest
// is the byte stream of one connection. The stream is read three times, the way Connection reads
// it (feed what is buffered, advance by `consumed`, take the request, go on), with the bytes
// arriving all at once, one at a time, and in the pieces byte 1 chooses. Each run checks the
// reader's contract on every step and every message, and the three runs must agree exactly: a
// parser whose answer depends on how TCP cut the bytes is a request-smuggling bug.
//
// Any violation prints what broke to stderr and aborts, so libFuzzer and the replay runner stop.

#include "http/requestreader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using Http::Request;
using Http::RequestReader;
using Event = RequestReader::Event;

// Must match the reader's private limit on one chunk-size line (requestreader.cpp).
constexpr qsizetype kMaxChunkLine = 4096;

// ---------------------------------------------------------------------------------------------
// Reporting

struct Context
{
    const char *mode = "";
    qsizetype streamPos = 0;
    int message = 0;
};
Context g_context;

QByteArray escaped(QByteArrayView bytes, qsizetype max = 600)
{
    QByteArray out;
    const qsizetype n = qMin(bytes.size(), max);
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\\') {
            out += "\\\\";
        } else if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (n < bytes.size())
        out += "...(" + QByteArray::number(bytes.size()) + " bytes)";
    return out;
}

[[noreturn]] void violation(const char *invariant, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_requestreader: invariant violated: %s\n  run: %s, message #%d, stream offset %lld\n%s%s",
                 invariant, g_context.mode, g_context.message, static_cast<long long>(g_context.streamPos),
                 detail.isEmpty() ? "" : "  ", detail.isEmpty() ? "" : detail.constData());
    if (!detail.isEmpty())
        std::fputc('\n', stderr);
    std::fflush(stderr);
    std::abort();
}

void require(bool ok, const char *invariant)
{
    if (!ok)
        violation(invariant);
}

void requireEqual(QByteArrayView actual, QByteArrayView expected, const char *invariant)
{
    if (actual != expected)
        violation(invariant, "actual:   " + escaped(actual) + "\n  expected: " + escaped(expected));
}

// ---------------------------------------------------------------------------------------------
// Input decoding

constexpr std::array<qsizetype, 8> kHeadLimits = {64 * 1024, 8, 16, 24, 40, 64, 128, 512};
constexpr std::array<int, 4> kHeaderCounts = {256, 0, 1, 3};
constexpr std::array<qint64, 8> kBodyLimits = {100LL * 1024 * 1024, 0, 1, 2, 5, 16, 100, 4096};
constexpr std::array<quint32, 4> kMaxPieces = {3, 8, 32, 256};

// Byte 0 = 0 keeps the listener's defaults, so a plain request after "\0\0" reads as in production.
Http::Limits limitsFor(quint8 selector)
{
    Http::Limits limits;
    limits.maxHeadBytes = kHeadLimits[selector & 7];
    limits.maxHeaderCount = kHeaderCounts[(selector >> 3) & 3];
    limits.maxBodyBytes = kBodyLimits[(selector >> 5) & 7];
    return limits;
}

// How the bytes of the stream arrive: all at once, one at a time, or pieces of pseudo-random size.
class Arrivals
{
public:
    enum class Kind { Whole, Bytewise, Pieces };
    Arrivals(Kind kind, quint8 selector)
        : m_kind(kind)
        , m_state(selector * 2654435761u + 1)
        , m_maxPiece(kMaxPieces[selector & 3])
    {
    }
    static const char *name(Kind kind)
    {
        switch (kind) {
        case Kind::Whole:
            return "whole";
        case Kind::Bytewise:
            return "byte-at-a-time";
        case Kind::Pieces:
            return "pieces";
        }
        return "";
    }
    Kind kind() const { return m_kind; }
    qsizetype next(qsizetype left)
    {
        switch (m_kind) {
        case Kind::Whole:
            return left;
        case Kind::Bytewise:
            return 1;
        case Kind::Pieces:
            m_state = m_state * 1103515245u + 12345u;
            return qMin<qsizetype>(left, 1 + (m_state >> 16) % m_maxPiece);
        }
        return left;
    }

private:
    Kind m_kind;
    quint32 m_state;
    quint32 m_maxPiece;
};

// ---------------------------------------------------------------------------------------------
// Small HTTP helpers for the oracle. Written independently of the reader on purpose.

bool isTchar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isOws(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isOws(v.back()))
        v.chop(1);
    return v;
}

bool sameToken(QByteArrayView a, QByteArrayView b)
{
    return Http::equalsIgnoreCase(a, b);
}

// The non-empty, trimmed elements of a comma-separated list (RFC 9110 §5.6.1).
QList<QByteArrayView> listElements(QByteArrayView value)
{
    QList<QByteArrayView> out;
    for (;;) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView element = trimmed(comma < 0 ? value : value.first(comma));
        if (!element.isEmpty())
            out.append(element);
        if (comma < 0)
            return out;
        value = value.sliced(comma + 1);
    }
}

// Splits bytes that must be a sequence of CRLF-terminated lines.
QList<QByteArrayView> crlfLines(QByteArrayView bytes)
{
    QList<QByteArrayView> lines;
    while (!bytes.isEmpty()) {
        const qsizetype eol = bytes.indexOf("\r\n");
        if (eol < 0)
            violation("a head or trailer section does not end in CRLF", escaped(bytes));
        lines.append(bytes.first(eol));
        bytes = bytes.sliced(eol + 2);
    }
    return lines;
}

// Checks one field against the line it came from: name is a token, value is the line's value
// with OWS trimmed and holds no control characters but HTAB.
void checkField(const Http::Field &field, QByteArrayView line)
{
    require(isToken(field.name), "a field name is not a non-empty token");
    require(line.startsWith(field.name) && line.size() > field.name.size() && line[field.name.size()] == ':',
            "a field's name is not the start of its line followed by ':'");
    requireEqual(field.value, trimmed(line.sliced(field.name.size() + 1)),
                 "a field's value is not its line's value with OWS trimmed");
    for (char c : field.value) {
        const auto u = static_cast<unsigned char>(c);
        require(u == '\t' || (u >= 0x20 && u != 0x7f), "a field value holds a control character");
    }
}

// Reads a hexadecimal chunk size, saturating instead of overflowing.
qint64 hexPrefix(QByteArrayView line, qsizetype *digits)
{
    qint64 size = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const char c = line[i];
        int d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        if (d < 0)
            break;
        size = size > (INT64_MAX >> 4) ? INT64_MAX : size * 16 + d;
    }
    *digits = i;
    return size;
}

// ---------------------------------------------------------------------------------------------
// The oracle for an accepted request

struct Framing
{
    bool switchExit = false; // CONNECT / HTTP/2 preface: nothing after the head is read
    bool chunked = false;
    qint64 contentLength = -1;
};

Framing expectedFraming(const Request &req)
{
    Framing f;
    const QByteArrayView method = req.method();
    f.switchExit = req.versionMajor() == 2 || method == "PRI" || method == "CONNECT";
    if (f.switchExit)
        return f; // no body is read, so the reader does not look at the framing fields at all
    bool sawTransferEncoding = false;
    QList<QByteArrayView> codings;
    for (qsizetype i = 0; i < req.headerCount(); ++i) {
        const Http::Field h = req.header(i);
        if (sameToken(h.name, "Transfer-Encoding")) {
            sawTransferEncoding = true;
            codings += listElements(h.value);
        } else if (sameToken(h.name, "Content-Length")) {
            // RFC 9110 §8.6: Content-Length = 1*DIGIT, so every line carries a number; a list of
            // identical numbers may be taken as one.
            const QList<QByteArrayView> elements = listElements(h.value);
            require(!elements.isEmpty(), "accepted a Content-Length line without a number");
            for (QByteArrayView element : elements) {
                qint64 value = 0;
                for (char c : element) {
                    require(c >= '0' && c <= '9', "accepted a Content-Length that is not 1*DIGIT");
                    value = value > (INT64_MAX - 9) / 10 ? INT64_MAX : value * 10 + (c - '0');
                }
                require(f.contentLength < 0 || f.contentLength == value, "accepted conflicting Content-Length values");
                f.contentLength = value;
            }
        }
    }
    if (sawTransferEncoding) {
        // RFC 9112 §6.1/§6.3: no Content-Length beside it, HTTP/1.1, chunked once and last, and
        // no other coding (we decode none).
        require(f.contentLength < 0, "accepted a request with both Content-Length and Transfer-Encoding");
        require(req.versionMinor() >= 1, "accepted Transfer-Encoding in an HTTP/1.0 request");
        require(codings.size() == 1 && sameToken(codings.front(), "chunked"),
                "accepted a Transfer-Encoding other than exactly 'chunked'");
        f.chunked = true;
        f.contentLength = -1;
    }
    return f;
}

bool hasListToken(const Request &req, QByteArrayView name, QByteArrayView token)
{
    for (qsizetype i = 0; i < req.headerCount(); ++i) {
        const Http::Field h = req.header(i);
        if (!sameToken(h.name, name))
            continue;
        for (QByteArrayView element : listElements(h.value)) {
            if (sameToken(element, token))
                return true;
        }
    }
    return false;
}

int countHeaders(const Request &req, QByteArrayView name)
{
    int n = 0;
    for (qsizetype i = 0; i < req.headerCount(); ++i)
        n += sameToken(req.header(i).name, name) ? 1 : 0;
    return n;
}

void checkRequestLine(const Request &req)
{
    require(isToken(req.method()), "the method is not a token");
    require(!req.target().isEmpty(), "empty request-target accepted");
    for (char c : req.target()) {
        const auto u = static_cast<unsigned char>(c);
        require(u > 0x20 && u != 0x7f, "the request-target holds SP or a control character");
    }
    const QByteArrayView v = req.httpVersion();
    require(v.size() == 8 && v.startsWith("HTTP/") && v[6] == '.', "malformed HTTP version accepted");
    require(v[5] - '0' == req.versionMajor() && v[7] - '0' == req.versionMinor(),
            "versionMajor/versionMinor do not match the version text");
    const QByteArray line = req.method().toByteArray() + ' ' + req.target().toByteArray() + ' ' + v.toByteArray();
    requireEqual(crlfLines(req.rawHead()).front(), line, "method/target/version are not the request line");
    if (req.versionMajor() == 2) {
        require(req.method() == "PRI" && req.target() == "*" && req.versionMinor() == 0,
                "HTTP/2 accepted outside the PRI * HTTP/2.0 preface");
    } else {
        require(req.versionMajor() == 1, "an HTTP version other than 1.x accepted");
    }
}

// Decodes the chunked body from the wire bytes by itself and compares it with what the reader
// kept: body, trailers, and every limit on the framing.
void checkChunkedWire(const Request &req, QByteArrayView tail, const Http::Limits &limits)
{
    QByteArray decoded;
    for (;;) {
        const qsizetype eol = tail.indexOf("\r\n");
        require(eol >= 0, "chunked wire bytes: a chunk-size line without CRLF");
        const QByteArrayView line = tail.first(eol);
        require(eol + 2 <= kMaxChunkLine, "a chunk-size line longer than the reader's limit was accepted");
        qsizetype digits = 0;
        const qint64 size = hexPrefix(line, &digits);
        require(digits > 0, "a chunk-size line without a hexadecimal size was accepted");
        require(digits == line.size() || line[digits] == ';' || isOws(line[digits]),
                "junk after the chunk size was accepted");
        tail = tail.sliced(eol + 2);
        if (size == 0)
            break;
        require(size <= tail.size() - 2, "chunked wire bytes: chunk data shorter than its size");
        decoded += tail.first(size);
        require(tail.sliced(size).startsWith("\r\n"), "chunk data not followed by CRLF was accepted");
        tail = tail.sliced(size + 2);
    }
    requireEqual(req.body(), decoded, "the body is not the de-chunked chunk data");
    require(tail.endsWith("\r\n"), "the trailer section does not end in CRLF");
    require(tail.size() <= limits.maxHeadBytes, "a trailer section larger than maxHeadBytes was accepted");
    QList<QByteArrayView> lines = crlfLines(tail);
    require(!lines.isEmpty() && lines.back().isEmpty(), "the trailer section does not end with an empty line");
    lines.removeLast();
    require(lines.size() == req.trailerCount(), "trailerCount() is not the number of trailer lines");
    require(req.trailerCount() <= limits.maxHeaderCount, "more trailer fields than maxHeaderCount were accepted");
    for (qsizetype i = 0; i < lines.size(); ++i) {
        require(!lines[i].isEmpty(), "an empty line inside the trailer section");
        checkField(req.trailer(i), lines[i]);
    }
}

// headComplete: bytes of the message read when HeadComplete was reported, or -1.
void checkAccepted(const Request &req, const Http::Limits &limits, qsizetype headComplete)
{
    const bool sawHeadComplete = headComplete >= 0;
    const QByteArray &head = req.rawHead();
    require(req.hasRequestLine(), "an accepted request has no request line");
    require(head.endsWith("\r\n\r\n"), "rawHead() does not end with an empty line");
    require(head.size() <= limits.maxHeadBytes, "a head larger than maxHeadBytes was accepted");
    checkRequestLine(req);

    const QList<QByteArrayView> lines = crlfLines(head);
    require(lines.back().isEmpty(), "rawHead() does not end with an empty line");
    require(lines.size() - 2 == req.headerCount(), "headerCount() is not the number of field lines");
    require(req.headerCount() <= limits.maxHeaderCount, "more header fields than maxHeaderCount were accepted");
    for (qsizetype i = 0; i < req.headerCount(); ++i) {
        require(!lines[i + 1].isEmpty() && !isOws(lines[i + 1].front()),
                "a field line starting with whitespace (obs-fold) was accepted");
        checkField(req.header(i), lines[i + 1]);
    }

    const Framing f = expectedFraming(req);
    const QByteArray wire = req.wireBytes();
    require(wire.startsWith(head), "wireBytes() does not start with rawHead()");
    require(req.body().size() <= limits.maxBodyBytes, "a body larger than maxBodyBytes was accepted");
    require(req.isChunked() == f.chunked, "isChunked() disagrees with the Transfer-Encoding header");
    if (f.chunked) {
        checkChunkedWire(req, QByteArrayView(wire).sliced(head.size()), limits);
    } else {
        require(req.trailerCount() == 0, "trailers on a request that is not chunked");
        const qint64 expectedBody = f.switchExit ? 0 : qMax<qint64>(f.contentLength, 0);
        require(req.body().size() == expectedBody, "the body length is not the Content-Length");
        requireEqual(wire, QByteArray(head + req.body()), "wireBytes() of an unchunked request is not head + body");
    }

    // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
    const bool http11 = req.versionMajor() == 1 && req.versionMinor() >= 1;
    const bool keepAlive =
        !hasListToken(req, "Connection", "close") && (http11 || hasListToken(req, "Connection", "keep-alive"));
    require(req.keepAlive() == keepAlive, "keepAlive() disagrees with the version and Connection header");
    const bool upgrade = countHeaders(req, "Upgrade") > 0;
    require(req.closesAfterAnswer() == (!keepAlive || f.switchExit || upgrade),
            "closesAfterAnswer() disagrees with keep-alive, CONNECT, PRI and Upgrade");

    bool expectContinue = false;
    for (qsizetype i = 0; i < req.headerCount(); ++i) {
        if (sameToken(req.header(i).name, "Expect"))
            expectContinue = http11 && sameToken(req.header(i).value, "100-continue");
    }
    expectContinue = expectContinue && !f.switchExit && (f.chunked || f.contentLength > 0);
    require(req.expectsContinue() == expectContinue, "expectsContinue() disagrees with the Expect header and body");
    require(sawHeadComplete == expectContinue, "HeadComplete was (not) reported for a request that (does not) "
                                               "expect 100-continue with a body");
    require(!sawHeadComplete || headComplete == head.size(), "HeadComplete was not reported right after the head");

    using W = Http::Warning;
    const int hosts = countHeaders(req, "Host");
    require(req.hasWarning(W::MissingHost) == (http11 && hosts == 0), "missing-host warning is wrong");
    require(req.hasWarning(W::MultipleHost) == (hosts > 1), "multiple-host warning is wrong");
    const bool preface = req.versionMajor() == 2 || req.method() == "PRI";
    require(req.hasWarning(W::Http2Preface) == preface, "http2-preface warning is wrong");
    require(req.hasWarning(W::ConnectNotTunneled) == (!preface && req.method() == "CONNECT"),
            "connect-not-tunneled warning is wrong");
    require(req.hasWarning(W::UpgradeIgnored) == (!f.switchExit && upgrade), "upgrade-ignored warning is wrong");
}

// ---------------------------------------------------------------------------------------------
// One run over the stream, and the outcomes it produced

struct Outcome
{
    enum class Kind : char { HeadComplete = 'H', Complete = 'C', Failed = 'F', End = 'E' };
    Kind kind;
    qsizetype streamPos; // where the stream stood after the event
    QByteArray detail;   // everything observable about the event, for comparing runs

    bool operator==(const Outcome &) const = default;
};

void appendField(QByteArray &out, const char *what, const Http::Field &f)
{
    out += what;
    out += escaped(f.name, 1 << 20);
    out += ": ";
    out += escaped(f.value, 1 << 20);
    out += '\n';
}

QByteArray describeRequest(const Request &req)
{
    QByteArray out;
    out += "method=" + escaped(req.method()) + " target=" + escaped(req.target(), 1 << 20) +
           " version=" + escaped(req.httpVersion()) + '\n';
    for (qsizetype i = 0; i < req.headerCount(); ++i)
        appendField(out, "header ", req.header(i));
    for (qsizetype i = 0; i < req.trailerCount(); ++i)
        appendField(out, "trailer ", req.trailer(i));
    out += "body=" + escaped(req.body(), 1 << 20) + '\n';
    out += "chunked=" + QByteArray::number(req.isChunked()) + " keepAlive=" + QByteArray::number(req.keepAlive()) +
           " expectsContinue=" + QByteArray::number(req.expectsContinue()) +
           " closes=" + QByteArray::number(req.closesAfterAnswer()) +
           " warnings=" + QByteArray::number(req.warningFlags()) + '\n';
    return out;
}

// Session files keep a request as head, body and chunk framing and rebuild it through the reader;
// what comes back must be the request that was read.
void checkRestored(const Request &req)
{
    if (req.isChunked()) {
        requireEqual(Request::chunkedWire(req.rawHead(), req.chunkFraming(), req.body()), req.wireBytes(),
                     "Request::chunkedWire() of a request's parts is not its wireBytes()");
    }
    const Request restored = RequestReader::restore(req.rawHead(), req.body(), req.chunkFraming());
    requireEqual(describeRequest(restored), describeRequest(req), "RequestReader::restore() changed the request");
    requireEqual(restored.wireBytes(), req.wireBytes(), "RequestReader::restore() changed the wire bytes");
}

// A message's bytes may be preceded by empty lines the reader skips (RFC 9112 §2.2); returns the
// consumed bytes without them, and how many were skipped.
QByteArrayView withoutLeadingEmptyLines(QByteArrayView consumed, qsizetype *skipped)
{
    *skipped = 0;
    while (consumed.startsWith("\r\n")) {
        consumed = consumed.sliced(2);
        *skipped += 2;
    }
    return consumed;
}

bool isKnownStatus(int status)
{
    for (int s : {400, 408, 413, 414, 431, 501, 505}) {
        if (status == s)
            return true;
    }
    return false;
}

// What each status claims about the message, checked against what was read of it.
void checkStatus(int status, const Request &partial, QByteArrayView messageBytes, const Http::Limits &limits)
{
    switch (status) {
    case 414: // RFC 9110 §15.5.15: the request line alone outgrew the head limit
        require(messageBytes.size() == limits.maxHeadBytes && !messageBytes.contains('\n'),
                "414 for a request line that fits the head limit");
        break;
    case 505: // RFC 9110 §15.6.6: a well-formed version we do not speak
        require(partial.httpVersion().size() == 8 && partial.versionMajor() != 1,
                "505 for a request that is HTTP/1.x or has no well-formed version");
        break;
    case 501: { // RFC 9112 §6.1: a transfer coding we do not implement
        bool unknownCoding = false;
        for (qsizetype i = 0; i < partial.headerCount(); ++i) {
            if (!sameToken(partial.header(i).name, "Transfer-Encoding"))
                continue;
            for (QByteArrayView coding : listElements(partial.header(i).value))
                unknownCoding = unknownCoding || !sameToken(coding, "chunked");
        }
        require(unknownCoding, "501 without a transfer coding other than chunked");
        break;
    }
    default:
        break;
    }
}

QList<Outcome> readStream(QByteArrayView stream, const Http::Limits &limits, Arrivals arrivals)
{
    g_context = {Arrivals::name(arrivals.kind()), 0, 0};
    QList<Outcome> outcomes;
    RequestReader reader(limits);
    qsizetype pos = 0;           // consumed so far
    qsizetype arrived = 0;       // bytes the "socket" has delivered
    qsizetype messageStart = 0;  // where the current message (with its skipped empty lines) began
    qsizetype headComplete = -1; // message bytes read when HeadComplete came

    const RequestReader::Step idle = reader.feed(QByteArrayView());
    require(idle.event == Event::NeedMore && idle.consumed == 0, "feeding nothing to a new reader did not NeedMore");

    for (;;) {
        g_context.streamPos = pos;
        if (pos == arrived) {
            if (arrived == stream.size())
                break;
            arrived += arrivals.next(stream.size() - arrived);
        }
        const QByteArrayView offered = stream.sliced(pos, arrived - pos);
        const qint64 bytesBefore = reader.messageBytes();
        const RequestReader::Step step = reader.feed(offered);
        require(step.consumed >= 0 && step.consumed <= offered.size(), "consumed is outside [0, offered]");
        pos += step.consumed;
        g_context.streamPos = pos;
        const QByteArrayView consumed = stream.sliced(messageStart, pos - messageStart);
        qsizetype skipped = 0;
        const QByteArrayView messageBytes = withoutLeadingEmptyLines(consumed, &skipped);
        // The reader fails on the empty line that takes the count past maxHeadBytes.
        require(skipped <= limits.maxHeadBytes + (step.event == Event::Failed ? 2 : 0),
                "more empty lines than maxHeadBytes skipped before a request line");

        switch (step.event) {
        case Event::NeedMore:
            require(step.consumed == offered.size(), "NeedMore without consuming everything offered");
            require(reader.messageBytes() == messageBytes.size(),
                    "messageBytes() is not the bytes consumed for the message");
            break;
        case Event::HeadComplete: {
            require(step.consumed > 0, "HeadComplete without progress");
            require(headComplete < 0, "HeadComplete twice for one message");
            require(messageBytes.endsWith("\r\n\r\n"), "HeadComplete before the end of the head");
            require(!reader.inHead() && reader.inBody(), "after HeadComplete the reader is not in the body");
            require(reader.messageBytes() == messageBytes.size(),
                    "messageBytes() is not the bytes consumed for the message");
            headComplete = messageBytes.size();
            outcomes.append({Outcome::Kind::HeadComplete, pos, {}});
            break;
        }
        case Event::MessageComplete: {
            require(step.consumed > 0, "MessageComplete without progress");
            require(reader.messageBytes() == messageBytes.size(),
                    "messageBytes() is not the bytes consumed for the message");
            require(bytesBefore <= reader.messageBytes(), "messageBytes() went backwards");
            const RequestReader::Step again = reader.feed(stream.sliced(pos));
            require(again.event == Event::MessageComplete && again.consumed == 0,
                    "feeding a reader holding a complete message did not return MessageComplete, 0");
            const Request req = reader.takeRequest();
            require(!reader.inMessage() && reader.messageBytes() == 0, "takeRequest() did not reset the reader");
            requireEqual(req.wireBytes(), messageBytes, "wireBytes() is not the bytes consumed for the message");
            checkAccepted(req, limits, headComplete);
            checkRestored(req);
            outcomes.append({Outcome::Kind::Complete, pos, describeRequest(req)});
            // Connection stops reading after CONNECT, Upgrade or "close"; reading on here also
            // checks that takeRequest() leaves nothing of such a message behind.
            messageStart = pos;
            headComplete = -1;
            ++g_context.message;
            break;
        }
        case Event::Failed: {
            const Http::ReadError error = reader.error();
            require(reader.messageBytes() == messageBytes.size(),
                    "messageBytes() is not the bytes consumed for the failed message");
            const RequestReader::Step again = reader.feed(stream.sliced(pos));
            require(again.event == Event::Failed && again.consumed == 0,
                    "feeding a failed reader did not return Failed, 0");
            const Request partial = reader.takePartial();
            require(reader.error().status == error.status && reader.error().offset == error.offset &&
                        reader.error().reason == error.reason,
                    "takePartial() lost the error");
            require(isKnownStatus(error.status), "error status not in {400,408,413,414,431,501,505}");
            require(!error.reason.isEmpty(), "an error without a reason");
            requireEqual(partial.wireBytes(), messageBytes,
                         "takePartial().wireBytes() is not the bytes consumed before the failure");
            require(error.offset >= 0 && error.offset <= messageBytes.size(),
                    "error offset outside the bytes consumed for the message");
            checkStatus(error.status, partial, messageBytes, limits);
            requireEqual(RequestReader::restorePartial(partial.wireBytes()).wireBytes(), messageBytes,
                         "RequestReader::restorePartial() of a rejected message's bytes does not give them back");
            QByteArray detail = "status=" + QByteArray::number(error.status) +
                                " offset=" + QByteArray::number(error.offset) + " reason=" + error.reason.toUtf8() +
                                "\nconsumed=" + escaped(messageBytes, 1 << 20);
            outcomes.append({Outcome::Kind::Failed, pos, std::move(detail)});
            return outcomes; // the connection answers and closes
        }
        }
    }

    // The stream ended; whatever was read of an unfinished message is what a connection records
    // when the peer closes.
    qsizetype skipped = 0;
    const QByteArrayView messageBytes =
        withoutLeadingEmptyLines(stream.sliced(messageStart, pos - messageStart), &skipped);
    require(pos == stream.size(), "the stream ended without everything consumed");
    require(reader.inMessage() == (!messageBytes.isEmpty() && messageBytes != "\r"),
            "inMessage() disagrees with the bytes consumed");
    const Request partial = reader.takePartial();
    requireEqual(partial.wireBytes(), messageBytes, "an unfinished message's wireBytes() is not its bytes so far");
    outcomes.append({Outcome::Kind::End, pos, "unfinished=" + escaped(messageBytes, 1 << 20)});
    return outcomes;
}

QByteArray describeOutcomes(const QList<Outcome> &outcomes)
{
    QByteArray out;
    for (const Outcome &o : outcomes) {
        out += "    [" + QByteArray(1, static_cast<char>(o.kind)) + " @" + QByteArray::number(o.streamPos) + "] ";
        QByteArray detail = o.detail;
        if (detail.endsWith('\n'))
            detail.chop(1);
        out += detail.replace('\n', "\n        ");
        out += '\n';
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const Http::Limits limits = limitsFor(data[0]);
    const quint8 split = data[1];
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, static_cast<qsizetype>(size - 2));

    const QList<Outcome> whole = readStream(stream, limits, Arrivals(Arrivals::Kind::Whole, split));
    const QList<Outcome> bytewise = readStream(stream, limits, Arrivals(Arrivals::Kind::Bytewise, split));
    const QList<Outcome> pieces = readStream(stream, limits, Arrivals(Arrivals::Kind::Pieces, split));
    if (whole != bytewise || whole != pieces) {
        g_context = {"all three", 0, 0};
        violation("the outcome depends on how the bytes were split",
                  "whole:\n" + describeOutcomes(whole) + "  byte-at-a-time:\n" + describeOutcomes(bytewise) +
                      "  pieces:\n" + describeOutcomes(pieces));
    }
    return 0;
}
