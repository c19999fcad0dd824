#pragma once
// Shared by the filter tests (tst_filter) and their benchmarks (tst_filterbenchmark): requests
// made from bytes the way the listener records them.

#include "http/requestreader.h"
#include "session/capturedrequest.h"

namespace FilterTesting {

/// A request as captured: read from `bytes`, or rejected with the reader's error when they do not
/// make a whole request.
inline Session::CapturedRequestPtr capture(qint64 id, const QByteArray &bytes, int status, const QString &remote)
{
    Http::RequestReader reader;
    auto r = std::make_shared<Session::CapturedRequest>();
    const Http::RequestReader::Step step = reader.feed(bytes);
    r->id = id;
    r->receivedAtMs = 1'780'000'000'000 + id;
    r->remoteAddress = QHostAddress(remote);
    r->remotePort = quint16(5000 + id);
    r->localPort = 8080;
    if (step.event == Http::RequestReader::Event::MessageComplete) {
        r->request = reader.takeRequest();
        r->responseStatus = status;
    } else {
        r->rejected = true;
        r->errorStatus = reader.error().status;
        r->errorReason = reader.error().reason;
        r->errorOffset = reader.error().offset;
        r->raw = bytes;
        r->request = reader.takePartial();
        r->responseStatus = r->errorStatus;
    }
    return r;
}

/// The bytes of a request with a body and its Content-Length.
inline QByteArray post(const QByteArray &target, const QByteArray &headers, const QByteArray &body,
                       const QByteArray &method = "POST")
{
    return method + ' ' + target + " HTTP/1.1\r\n" + headers + "Content-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

} // namespace FilterTesting
