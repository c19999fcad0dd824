#include "scriptedserver.h"

#include "http/requestreader.h"

#include <QDateTime>
#include <QTcpSocket>

#include <memory>

ScriptedServer::ScriptedServer(QList<QByteArray> replies)
    : m_replies(std::move(replies))
{
    listen(QHostAddress::LocalHost, 0);
}

QByteArray ScriptedServer::reply(int status, const QByteArray &extraHeaders, const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) +
           " Scripted\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

void ScriptedServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(socketDescriptor);
    ++m_accepted;
    m_peak = std::max(m_peak, ++m_open);
    auto reader = std::make_shared<Http::RequestReader>();
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        --m_open;
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, reader] {
        QByteArray data = socket->readAll();
        QByteArrayView rest(data);
        while (!rest.isEmpty()) {
            const Http::RequestReader::Step step = reader->feed(rest);
            rest = rest.sliced(step.consumed);
            if (step.event == Http::RequestReader::Event::NeedMore)
                return;
            if (step.event == Http::RequestReader::Event::HeadComplete)
                continue; // a client that sent Expect: 100-continue sends the body anyway after a while
            if (step.event != Http::RequestReader::Event::MessageComplete) {
                socket->abort();
                return;
            }
            m_requests << reader->takeRequest();
            m_arrivals << QDateTime::currentMSecsSinceEpoch();
            const QByteArray &next = m_replies.at(std::min(m_requests.size(), m_replies.size()) - 1);
            if (next == kReset) {
                socket->abort();
                return;
            }
            if (next == kClose) {
                socket->disconnectFromHost();
                return;
            }
            if (next != kHang)
                socket->write(next);
        }
    });
}
