#pragma once

#include "http/request.h"

#include <QByteArray>
#include <QList>
#include <QTcpServer>

/**
 * A small HTTP server on 127.0.0.1, port 0, for sender tests: it reads each request with the
 * project's RequestReader, keeps it, and answers the n-th request with the n-th scripted reply
 * (the last one repeats). A reply is raw response bytes, sent as given, or one of the actions
 * below. It runs on the thread that made it (the test's), so the code under test must run its
 * sockets on another thread or through this thread's event loop.
 */
class ScriptedServer : public QTcpServer
{
public:
    static constexpr QByteArrayView kReset = "<reset>"; ///< abort the connection (RST) instead of answering
    static constexpr QByteArrayView kHang = "<hang>";   ///< never answer
    static constexpr QByteArrayView kClose = "<close>"; ///< close the connection cleanly without an answer

    explicit ScriptedServer(QList<QByteArray> replies = {okReply()});

    /// "HTTP/1.1 STATUS Reason" with a body naming it and Content-Length; extra header lines given
    /// as "Name: value\r\n".
    static QByteArray reply(int status, const QByteArray &extraHeaders = {}, const QByteArray &body = "ok");
    static QByteArray okReply() { return reply(200); }

    quint16 serverPort() const { return quint16(QTcpServer::serverPort()); }
    /// Requests read so far, in arrival order, byte-exact.
    const QList<Http::Request> &requests() const { return m_requests; }
    /// ms since the epoch when each request was complete.
    const QList<qint64> &arrivals() const { return m_arrivals; }
    int connectionsAccepted() const { return m_accepted; }
    /// The most connections open at once.
    int peakConnections() const { return m_peak; }
    void setReplies(QList<QByteArray> replies) { m_replies = std::move(replies); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QList<QByteArray> m_replies;
    QList<Http::Request> m_requests;
    QList<qint64> m_arrivals;
    int m_accepted = 0;
    int m_open = 0;
    int m_peak = 0;
};
