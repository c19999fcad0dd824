// libFuzzer target for Http::ResponseReader.
//
// Input layout: byte 0 picks the limits and the request method, byte 1 picks how the stream is cut
// into arrivals and whether the connection closes at its end; the rest is what a server sent on
// one connection. The stream is read three times, the way a sender reads it (feed what is
// buffered, advance by `consumed`, take the response, expect the next one), with the bytes
// arriving all at once, one at a time, and in the pieces byte 1 chooses. Each run checks the
// reader's contract on every step and every response, and the three runs must agree exactly.
//
// Any violation prints what broke to stderr and aborts, so libFuzzer and the replay runner stop.

#include "http/responsereader.h"
#include "http/syntax.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using Http::ReceivedResponse;
using Http::ResponseReader;
using Event = ResponseReader::Event;

const char *g_mode = "";

[[noreturn]] void fail(const char *what, qsizetype at = -1)
{
    std::fprintf(stderr, "fuzz_responsereader: %s (reading %s, stream offset %lld)\n", what, g_mode,
                 static_cast<long long>(at));
    std::abort();
}

void check(bool ok, const char *what, qsizetype at = -1)
{
    if (!ok)
        fail(what, at);
}

// What one response or failure looked like, compared across the three readings.
struct Record
{
    Event event = Event::NeedMore;
    int status = 0;
    QByteArray head, body, framing, wire, error;
    QList<int> interim;
    qint64 offset = -1;
    qsizetype end = 0;
    bool chunked = false, closeDelimited = false, keepAlive = false;

    bool operator==(const Record &) const = default;
};

bool bodiless(int status, QByteArrayView method)
{
    return status == 101 || status == 204 || status == 304 || method == "HEAD" ||
           (method == "CONNECT" && status / 100 == 2);
}

void checkFields(const ReceivedResponse &r, qsizetype end)
{
    auto checkField = [end](Http::Field f) {
        check(Http::Syntax::isToken(f.name), "field name is not a token", end);
        for (char c : f.value)
            check(Http::Syntax::isFieldValueChar(c), "field value holds a control character", end);
        check(f.value.isEmpty() || (!Http::Syntax::isOws(f.value.front()) && !Http::Syntax::isOws(f.value.back())),
              "field value not trimmed", end);
    };
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        checkField(r.header(i));
    for (qsizetype i = 0; i < r.trailerCount(); ++i)
        checkField(r.trailer(i));
}

QList<Record> readStream(QByteArrayView stream, const QList<qsizetype> &cuts, const Http::Limits &limits,
                         QByteArrayView firstMethod, bool eof)
{
    QList<Record> records;
    ResponseReader reader(limits);
    reader.expectResponseTo(firstMethod);
    QByteArrayView method = firstMethod;
    qsizetype pos = 0;      // consumed so far
    qsizetype start = 0;    // where the current response began
    qsizetype arrived = 0;  // bytes that have arrived
    qsizetype cutIndex = 0; // next cut
    auto take = [&](Event event) {
        Record rec;
        rec.event = event;
        rec.end = pos;
        const ReceivedResponse r = event == Event::MessageComplete ? reader.takeResponse() : reader.takePartial();
        if (event == Event::Failed) {
            rec.error = reader.error().reason.toUtf8();
            rec.offset = reader.error().offset;
            check(!rec.error.isEmpty(), "failure without a reason", pos);
            check(rec.offset >= 0 && rec.offset <= pos - start, "error offset outside the consumed bytes", pos);
        }
        rec.status = r.status();
        rec.head = r.rawHead();
        rec.body = r.body();
        rec.framing = r.chunkFraming();
        rec.wire = r.wireBytes();
        rec.chunked = r.isChunked();
        rec.closeDelimited = r.isCloseDelimited();
        rec.keepAlive = r.keepAlive();
        QByteArray interimBytes;
        for (qsizetype i = 0; i < r.interimCount(); ++i) {
            rec.interim.append(r.interimStatus(i));
            check(r.interimStatus(i) / 100 == 1 && r.interimStatus(i) != 101, "interim status not 1xx", pos);
            check(r.interimHead(i).size() <= limits.maxHeadBytes, "interim head over the limit", pos);
            interimBytes += r.interimHead(i);
        }
        check(r.interimCount() <= ResponseReader::kMaxInterimResponses, "too many interim responses kept", pos);
        const QByteArrayView consumed = stream.sliced(start, pos - start);
        check(r.body().size() <= limits.maxBodyBytes, "body over the limit", pos);
        check(r.headerCount() <= limits.maxHeaderCount, "more header fields than the limit", pos);
        check(r.trailerCount() <= limits.maxHeaderCount, "more trailer fields than the limit", pos);
        check(r.rawHead().size() <= limits.maxHeadBytes, "head over the limit", pos);
        checkFields(r, pos);
        if (event == Event::MessageComplete) {
            check(QByteArray(interimBytes + r.wireBytes()) == consumed,
                  "interim heads + wireBytes() is not what was consumed", pos);
            check(r.status() >= 100 && r.status() <= 599 && (r.status() / 100 != 1 || r.status() == 101),
                  "final status out of range", pos);
            check(r.rawHead().endsWith("\r\n\r\n"), "head does not end with an empty line", pos);
            check(r.httpVersion().startsWith("HTTP/1."), "version is not HTTP/1.x", pos);
            if (bodiless(r.status(), method))
                check(r.body().isEmpty() && !r.isChunked() && !r.isCloseDelimited(), "bodiless response has a body",
                      pos);
            if (r.isChunked())
                check(r.headerValue("Content-Length").isNull(), "chunked with Content-Length", pos);
            if (r.isCloseDelimited())
                check(!r.keepAlive(), "close-delimited response keeps the connection", pos);
        } else if (!r.isChunked()) {
            check(QByteArray(interimBytes + r.wireBytes()) == consumed, "partial wireBytes() is not what was consumed",
                  pos);
        }
        records.append(rec);
    };

    while (true) {
        // Deliver the next piece when everything that arrived was consumed.
        if (pos == arrived) {
            if (arrived == stream.size())
                break;
            arrived = cutIndex < cuts.size() ? cuts.at(cutIndex++) : stream.size();
        }
        const qsizetype offered = arrived - pos;
        const ResponseReader::Step step = reader.feed(stream.sliced(pos, offered));
        check(step.consumed >= 0 && step.consumed <= offered, "consumed outside [0, offered]", pos);
        if (step.event == Event::NeedMore)
            check(step.consumed == offered, "NeedMore without consuming everything", pos);
        pos += step.consumed;
        check(reader.bytesRead() == pos - start || step.event == Event::MessageComplete,
              "bytesRead() disagrees with consumed", pos);
        if (step.event == Event::NeedMore)
            continue;
        check(reader.feed(stream.sliced(pos)).consumed == 0, "feed() after the end consumed bytes", pos);
        take(step.event);
        if (step.event == Event::Failed)
            return records;
        check(pos > start, "a response of no bytes", pos);
        start = pos;
        method = "GET";
        reader.expectResponseTo(method);
    }
    if (eof && (pos > start || records.isEmpty())) {
        const Event event = reader.finish();
        check(event != Event::NeedMore, "finish() left the response open", pos);
        take(event);
    }
    return records;
}

Http::Limits limitsFor(quint8 b)
{
    Http::Limits l;
    static const qsizetype heads[] = {0, 24, 64, 200, 4096, 64 * 1024, 32, 100};
    static const int counts[] = {0, 0, 1, 2, 5, 256, 3, 0};
    static const qint64 bodies[] = {-1, 0, 1, 7, 64, 4096, 100, -1};
    if (heads[b & 7] > 0)
        l.maxHeadBytes = heads[b & 7];
    if (counts[(b >> 3) & 7] > 0)
        l.maxHeaderCount = counts[(b >> 3) & 7];
    const qint64 body = bodies[(b + (b >> 3)) & 7]; // bits 6-7 pick the method; mix the others
    if (body >= 0)
        l.maxBodyBytes = body;
    return l;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const Http::Limits limits = limitsFor(data[0]);
    static const char *const methods[] = {"GET", "POST", "HEAD", "CONNECT"};
    const QByteArrayView method(methods[data[0] >> 6]);
    const bool eof = (data[1] & 0x80) != 0;
    const int pieceSize = (data[1] & 0x7f) + 1;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 2), static_cast<qsizetype>(size - 2));

    QList<qsizetype> pieces, bytes;
    for (qsizetype i = pieceSize; i < stream.size(); i += pieceSize)
        pieces.append(i);
    for (qsizetype i = 1; i < stream.size(); ++i)
        bytes.append(i);
    g_mode = "whole";
    const QList<Record> whole = readStream(stream, {}, limits, method, eof);
    g_mode = "byte by byte";
    const QList<Record> byByte = readStream(stream, bytes, limits, method, eof);
    g_mode = "in pieces";
    const QList<Record> inPieces = readStream(stream, pieces, limits, method, eof);
    g_mode = "comparing";
    check(whole == byByte, "reading byte by byte differs from reading whole");
    check(whole == inPieces, "reading in pieces differs from reading whole");
    return 0;
}
