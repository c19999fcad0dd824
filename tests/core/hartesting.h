#pragma once
// Shared by the HAR tests (tst_har: export, round trips, broken files; tst_harimport: files from
// other tools and what an import says and skips).

#include "http/requestreader.h"
#include "session/har.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace HarTesting {

using Session::CapturedRequest;
using Fields = Http::HeaderList;

// A request exactly as the listener would hand it over: read from bytes by a RequestReader.
inline Http::Request readRequest(const QByteArray &bytes)
{
    Http::RequestReader reader;
    qsizetype pos = 0;
    while (true) {
        const Http::RequestReader::Step step = reader.feed(QByteArrayView(bytes).sliced(pos));
        pos += step.consumed;
        if (step.event == Http::RequestReader::Event::HeadComplete)
            continue;
        if (step.event != Http::RequestReader::Event::MessageComplete || pos != bytes.size())
            qFatal("test request did not read as one complete message: %s", bytes.toPercentEncoding().constData());
        return reader.takeRequest();
    }
}

inline CapturedRequest captured(const QByteArray &bytes, qint64 id = 42)
{
    CapturedRequest c;
    c.id = id;
    c.receivedAtMs = 1700000000123; // 2023-11-14T22:13:20.123Z
    c.remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    c.remotePort = 53422;
    c.localPort = 8080;
    c.request = readRequest(bytes);
    c.responseStatus = 200;
    c.responseHeaders = {{"Content-Type", "text/plain"}};
    c.responseBody = "ok";
    return c;
}

// A request the reader refused, recorded the way the capture service records it.
inline CapturedRequest rejected(const QByteArray &bytes)
{
    Http::RequestReader reader;
    const Http::RequestReader::Step step = reader.feed(bytes);
    if (step.event != Http::RequestReader::Event::Failed)
        qFatal("test request was not rejected: %s", bytes.toPercentEncoding().constData());
    CapturedRequest c = captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n", 7);
    c.rejected = true;
    c.errorStatus = reader.error().status;
    c.errorReason = reader.error().reason;
    c.errorOffset = reader.error().offset;
    c.request = reader.takePartial();
    c.raw = bytes.left(step.consumed);
    c.responseStatus = c.errorStatus;
    c.responseHeaders = {{"Content-Type", "text/plain; charset=utf-8"}, {"Connection", "close"}};
    c.responseBody = c.errorReason.toUtf8();
    return c;
}

inline QByteArray allByteValues()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    return bytes;
}

inline QByteArray exportHar(const QList<CapturedRequest> &list)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    Session::HarWriter writer(&buffer);
    bool ok = writer.begin();
    for (const CapturedRequest &c : list)
        ok = ok && writer.write(c);
    if (!(ok && writer.finish()))
        qFatal("export failed: %s", qPrintable(writer.error()));
    return out;
}

inline bool importHar(const QByteArray &har, QList<CapturedRequest> *out, QString *error,
                      Session::HarReadSummary *summary = nullptr)
{
    QBuffer buffer;
    buffer.setData(har);
    buffer.open(QIODevice::ReadOnly);
    return Session::readHar(
        &buffer,
        [&](CapturedRequest &&c) {
            out->append(std::move(c));
            return true;
        },
        error, summary);
}

inline QList<CapturedRequest> importSample(const char *name)
{
    QFile file(QStringLiteral(HOOKSCOPE_TEST_DATA "/har/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open sample %s", name);
    QList<CapturedRequest> list;
    QString error;
    if (!importHar(file.readAll(), &list, &error))
        qFatal("sample %s did not import: %s", name, qPrintable(error));
    return list;
}

inline QJsonObject entryOf(const QByteArray &har, qsizetype i = 0)
{
    return QJsonDocument::fromJson(har)
        .object()
        .value(QStringLiteral("log"))
        .toObject()
        .value(QStringLiteral("entries"))
        .toArray()
        .at(i)
        .toObject();
}

inline QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

inline QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

inline Fields headersOf(const Http::Request &r)
{
    Fields fields;
    for (qsizetype i = 0; i < r.headerCount(); ++i)
        fields.append({r.header(i).name.toByteArray(), r.header(i).value.toByteArray()});
    return fields;
}

inline QJsonArray nameValues(const QList<QPair<QString, QString>> &pairs)
{
    QJsonArray a;
    for (const auto &[name, value] : pairs)
        a.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    return a;
}

inline qint64 utcMs(int y, int mo, int d, int h, int mi, int s, int ms)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

// The cases every round trip runs over, by name.
inline QList<QPair<const char *, CapturedRequest>> roundTripCases()
{
    QList<QPair<const char *, CapturedRequest>> cases;
    const QByteArray text =
        "{\"q\":\"say \\\"hi\\\"\",\"path\":\"C:\\\\x\",\"nl\":\"a\nb\",\"t\":\"\x01\x7f\xc3\xa9\xe2\x82\xac"
        "\xf0\x9f\x98\x80\xef\xbf\xbf\"}";
    cases.append({"text body", captured("POST /hook?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                                        "Content-Length: " +
                                        QByteArray::number(text.size()) + "\r\n\r\n" + text)});
    QByteArray binary = allByteValues() + allByteValues();
    binary.chop(1); // every byte value, and a length that is not a multiple of 3
    cases.append({"binary body", captured("PUT /bin HTTP/1.1\r\nHost: h\r\nContent-Length: " +
                                          QByteArray::number(binary.size()) + "\r\n\r\n" + binary)});
    cases.append(
        {"NUL-only body", captured(QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n") + '\0')});
    cases.append({"empty GET", captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n")});
    cases.append({"empty POST", captured("POST /e HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")});
    cases.append({"duplicate headers", captured("GET / HTTP/1.1\r\nHost: h\r\nX-Dup: 1\r\naccept: */*\r\nx-dup: 2\r\n"
                                                "X-Dup:  3 \r\nX-Empty:\r\nCookie: a=1\r\nCookie: b=2; c\r\n\r\n")});
    CapturedRequest latin =
        captured("GET /caf\xe9?n=\xff HTTP/1.1\r\nHost: h\r\nX-Latin: caf\xe9\r\nX-Utf8: caf\xc3\xa9\r\n\r\n");
    latin.responseHeaders = {{"X-Latin", "caf\xe9"}, {"X-Utf8", "caf\xc3\xa9"}, {"X-\xff", "v"}};
    cases.append({"non-UTF-8 header bytes", latin});
    cases.append(
        {"chunked with trailers", captured("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "3;x=y\r\nabc\r\n2\r\n\xff\xfe\r\n0\r\nX-Sum: 5\r\nX-Sum: five\r\n\r\n")});
    cases.append(
        {"chunked empty", captured("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")});
    cases.append({"expect 100-continue", captured("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                                                  "Content-Length: 2\r\n\r\nhi")});
    cases.append({"absolute-form", captured("GET http://other.example/p?q HTTP/1.1\r\nHost: other.example\r\n\r\n")});
    cases.append({"no Host, HTTP/1.0", captured("GET /old HTTP/1.0\r\n\r\n")});
    cases.append({"OPTIONS *", captured("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")});
    cases.append({"CONNECT", captured("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")});
    CapturedRequest unanswered = captured("DELETE /gone HTTP/1.1\r\nHost: h\r\n\r\n");
    unanswered.responseStatus = 0;
    unanswered.responseHeaders.clear();
    unanswered.responseBody.clear();
    cases.append({"no answer", unanswered});
    CapturedRequest binaryAnswer = captured("GET /img HTTP/1.1\r\nHost: h\r\n\r\n");
    binaryAnswer.responseStatus = 299; // no standard reason phrase
    binaryAnswer.responseHeaders = {{"Content-Type", "application/octet-stream"}, {"Location", "/next"}};
    binaryAnswer.responseBody = allByteValues();
    cases.append({"binary answer", binaryAnswer});
    CapturedRequest v6 = captured("GET / HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n", -5);
    v6.remoteAddress = QHostAddress(QStringLiteral("::1"));
    v6.remotePort = 1;
    v6.localPort = 8443;
    v6.tls = true;
    v6.receivedAtMs = -1; // 1969-12-31T23:59:59.999Z
    cases.append({"TLS over IPv6", v6});
    CapturedRequest tlsDetails = captured("POST /tls HTTP/1.1\r\nHost: localhost:8443\r\nContent-Length: 0\r\n\r\n");
    tlsDetails.tls = true;
    tlsDetails.tlsInfo = {QStringLiteral("TLSv1.3"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
                          QStringLiteral("localhost"), QStringLiteral("http/1.1")};
    cases.append({"TLS details", tlsDetails});
    CapturedRequest handshakeFailed = rejected("\x16\x03\x01\x02\x03\r\n");
    handshakeFailed.tls = true;
    handshakeFailed.tlsInfo.serverName = QStringLiteral("hooks.example.test"); // no version: never agreed
    cases.append({"TLS handshake failed", handshakeFailed});
    CapturedRequest noRemote = captured("GET / HTTP/1.1\r\nHost: h\r\n\r\n", 0);
    noRemote.remoteAddress = QHostAddress();
    noRemote.remotePort = 0;
    cases.append({"no remote address", noRemote});
    cases.append({"rejected header", rejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n")});
    cases.append({"rejected in body", rejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                               "3\r\nabcX")});
    cases.append({"rejected request line", rejected("\x16\x03\x01\x02\x03\r\n")});
    return cases;
}

// A small foreign entry that imports; tests break one field at a time.
inline QJsonObject goodEntry()
{
    return QJsonObject{
        {QStringLiteral("startedDateTime"), QStringLiteral("2024-03-05T10:15:30.123Z")},
        {QStringLiteral("time"), 1},
        {QStringLiteral("request"),
         QJsonObject{
             {QStringLiteral("method"), QStringLiteral("POST")},
             {QStringLiteral("url"), QStringLiteral("http://h/p?q=1")},
             {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
             {QStringLiteral("headers"), nameValues({{QStringLiteral("Host"), QStringLiteral("h")},
                                                     {QStringLiteral("X-A"), QStringLiteral("1")}})},
             {QStringLiteral("postData"), QJsonObject{{QStringLiteral("mimeType"), QStringLiteral("text/plain")},
                                                      {QStringLiteral("text"), QStringLiteral("hello")}}}}},
        {QStringLiteral("response"),
         QJsonObject{{QStringLiteral("status"), 200},
                     {QStringLiteral("headers"), QJsonArray()},
                     {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 2},
                                                             {QStringLiteral("mimeType"), QStringLiteral("text/plain")},
                                                             {QStringLiteral("text"), QStringLiteral("ok")}}}}},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"),
         QJsonObject{{QStringLiteral("send"), 0}, {QStringLiteral("wait"), 0}, {QStringLiteral("receive"), 0}}},
    };
}

inline QByteArray document(const QJsonArray &entries)
{
    const QJsonObject log{{QStringLiteral("version"), QStringLiteral("1.2")},
                          {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                                  {QStringLiteral("version"), QStringLiteral("1")}}},
                          {QStringLiteral("entries"), entries}};
    return QJsonDocument(QJsonObject{{QStringLiteral("log"), log}}).toJson(QJsonDocument::Compact);
}

// Sets the value at a dotted path ("request.headers.1.name") in an entry; an undefined value removes it.
inline void setPath(QJsonValueRef ref, QStringList path, const QJsonValue &value)
{
    const QString key = path.takeFirst();
    if (ref.isArray()) {
        QJsonArray a = ref.toArray();
        if (path.isEmpty())
            a[key.toInt()] = value;
        else
            setPath(a[key.toInt()], path, value);
        ref = a;
        return;
    }
    QJsonObject o = ref.toObject();
    if (path.isEmpty() && value.isUndefined())
        o.remove(key);
    else if (path.isEmpty())
        o[key] = value;
    else
        setPath(o[key], path, value);
    ref = o;
}

inline QByteArray brokenEntry(const char *path, const QJsonValue &value, int index = 0)
{
    QJsonArray entries{goodEntry(), goodEntry(), goodEntry(), goodEntry()};
    setPath(entries[index], QString::fromLatin1(path).split(QLatin1Char('.')), value);
    return document(entries);
}

// A device that accepts nothing, like a full disk.
class FullDevice : public QIODevice
{
public:
    FullDevice() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override
    {
        setErrorString(QStringLiteral("No space left on device"));
        return -1;
    }
};

} // namespace HarTesting
