#pragma once

#include "request.h"
#include "requestreader.h"
#include "responder.h"
#include "tlsinfo.h"

#include <QHostAddress>

namespace Http {

/// Who sent a request, and on which connection.
struct PeerInfo
{
    QHostAddress address;
    quint16 port = 0;
    quint16 localPort = 0;
    bool tls = false;
    TlsInfo tlsInfo; ///< what the handshake agreed (tls only)
    quint64 connectionId = 0;
};

/// A complete request and the way to answer it.
struct IncomingRequest
{
    Request request;
    PeerInfo peer;
    qint64 receivedAtMs = 0; ///< wall clock, ms since the epoch, when the last byte arrived
    Responder responder;
};

/// A request that could not be read. The listener has answered it (when the client could still
/// hear an answer) and closed the connection; this is the record of what came and why it failed.
struct RejectedRequest
{
    Request partial; ///< request line and headers when they were read before the failure
    PeerInfo peer;
    qint64 receivedAtMs = 0;
    ReadError error;
    QByteArray raw;       ///< the bytes received for this message, up to the head limit
    int answerStatus = 0; ///< the status sent, or 0 when the client was gone
};

/**
 * Receives what a Listener reads. Called on the listener's thread. The handler decides when
 * each request is answered: it may call Responder::respond() at once or later (after a delay,
 * after the request is stored). Answers go out in request order whatever order they are given.
 */
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    virtual void handleRequest(IncomingRequest request) = 0;
    virtual void handleRejected(RejectedRequest rejected) = 0;
};

} // namespace Http
